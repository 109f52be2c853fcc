/**
 * Environment, parsed once with zod. A bad environment gives one error listing every bad variable.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const size = z.string().regex(/^\d+[kmg]$/i, 'a size such as 512m or 4g');
/** An optional comma-separated list of plain words (account types, statuses): `what` names them in the error. */
const wordList = (what: string) =>
  z
    .string()
    .regex(/^[\w .-]+(,[\w .-]+)*$/, `a comma-separated list of ${what}`)
    .optional();

/** `https://host[:port]` of an http(s) URL that has nothing after its origin (a trailing / is fine); else undefined. */
function originOf(value: string): string | undefined {
  try {
    const u = new URL(value);
    if (!/^https?:$/.test(u.protocol) || u.pathname !== '/' || u.search || u.hash || u.username) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(8080),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(1).optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, 'a database name')
    .default('neo4j'),
  NEO4J_BOLT_PORT: port.default(7687),
  NEO4J_HTTP_PORT: port.default(7474),
  NEO4J_HEAP_SIZE: size.default('4g'),
  NEO4J_PAGECACHE_SIZE: size.default('4g'),
  RINGLENS_HOME: z.string().min(1).default('.ringlens'),
  RINGLENS_DEMO_ACCOUNTS: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  /** A signed-in browser session ends after this long without a request … */
  RINGLENS_SESSION_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(30 * 60),
  /** … and this long after sign-in, however active. */
  RINGLENS_SESSION_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .default(12 * 3600),
  /**
   * Account types (the accounts file's `type`) that are roles one person may hold side by side in accounts of their
   * own on this platform, comma-separated, e.g. `host,guest` or `driver,rider,courier`: a pair of two such roles that
   * pays neither way is not a duplicate account (server/detect/settings.ts roleTypes). Unset: one account per person.
   */
  RINGLENS_ROLE_TYPES: wordList('account types such as host,guest'),
  /**
   * Account statuses that mean the person may not hold an account (comma-separated, e.g. `banned,blocked`): such
   * an account counts as known fraud and its successor as a re-entry (server/detect/settings.ts bannedStatuses).
   * Unset: `banned`, `self_excluded`, `self-excluded`.
   */
  RINGLENS_BANNED_STATUSES: wordList('account statuses such as banned,blocked'),
  /**
   * Account types that declare an organisation (comma-separated, e.g. `business,agency`): what such an account uses
   * itself is lent to its people and ties nobody (server/detect/settings.ts organisationTypes). Unset: `business`,
   * `company`, `corporate`, `enterprise`, `organisation`, `organization`, `agency`, `fleet`, `merchant`.
   */
  RINGLENS_ORGANISATION_TYPES: wordList('account types such as business,agency'),
  /** API requests that take longer are answered 503. */
  RINGLENS_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Express's `trust proxy`: set it when a reverse proxy (TLS terminator) sits in front, e.g. `loopback` or `1`. */
  RINGLENS_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[A-Za-z0-9.:/, ]+)$/, 'true, false, a hop count, or addresses such as loopback')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    )
    .default(false),
  /**
   * The app's own origins (scheme://host[:port], comma-separated), e.g. the https:// address a proxy serves it at:
   * the CSRF check accepts a browser's Origin only from these. Unset: the request's own Host is compared instead.
   */
  RINGLENS_ALLOWED_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine((o) => originOf(o) !== undefined, {
            error:
              'a comma-separated list of origins (scheme, host and port; no path) such as https://ringlens.example',
          })
          .transform((o) => originOf(o)!),
      ),
    )
    .default([]),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly exitCode = 2;
  readonly retriable = false;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most shells' `FOO= npm start`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`The environment has ${lines.length} bad variable(s):\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (cfg.NEO4J_URI && !cfg.NEO4J_PASSWORD) {
    throw new ConfigError('The environment has 1 bad variable(s):\n  NEO4J_PASSWORD: required when NEO4J_URI is set');
  }
  return cfg;
}
