/**
 * Security headers (helmet) with a strict Content-Security-Policy the built web app satisfies: everything from
 * our own origin, no inline or eval'd scripts, no inline styles, no plugins, no framing. React sets styles through
 * the CSSOM and Cytoscape draws on canvases, neither of which CSP restricts; the one `<style>` Cytoscape would
 * inject is pre-empted by client/index.html. Checked in headless Chromium by test/e2e/auth.test.ts. API responses
 * are never cached.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  // data:/blob: for images the app makes itself (graph snapshots for export).
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Only honoured over HTTPS; not for subdomains, which RingLens does not own.
    strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
  });
}

/** API answers hold case data: no browser or proxy keeps a copy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
