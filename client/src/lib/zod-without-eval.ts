/**
 * Import first in main.tsx. The Content-Security-Policy forbids eval, and zod 4 probes `new Function` when it builds
 * an object schema (to compile a faster parser); the probe is caught, but the browser reports a CSP violation each
 * time. Jitless mode skips the probe. It must run before any schema is built, hence a module of its own.
 */
import { z } from 'zod';

z.config({ jitless: true });
