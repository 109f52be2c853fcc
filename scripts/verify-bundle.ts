/**
 * `npm run verify-bundle -- [--public-key <pem>] [--db] <bundle.zip>…`: checks that an evidence bundle is what the
 * RingLens server exported — manifest.json carries the server's Ed25519 signature (manifest.sig), every file it lists
 * is present with the recorded SHA-256 and size, and nothing unlisted was added. With --db it also looks the bundle up
 * in the audit trail: an export event must have recorded this manifest's hash (and says who exported it, when).
 * Exit codes: 0 intact, 1 altered, unsigned, unrecorded or unreadable, 2 bad usage (or no public key).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import type { Db } from '../server/db/database.ts';
import { keyIdOf, sha256, verifyBundle } from '../server/export/bundle.ts';
import { publicKeyPath } from '../server/secrets.ts';
import { checkOptions, parseOptions, runMain, UsageError } from './lib/cli.ts';

const HELP = `Usage: npm run verify-bundle -- [--public-key <file.pem>] [--db] <bundle.zip>…

Checks the signature of a RingLens evidence bundle's manifest.json with the server's public key, recomputes the
SHA-256 of every file and compares it with the manifest.
  --public-key <file.pem>   the server's public key (default <RINGLENS_HOME>/credentials/bundle-signing.pub.pem,
                            written at the server's first start)
  --db                      also require the export to be recorded in the audit trail (connects to Neo4j as
                            npm start does: NEO4J_URI, … or the local instance)
Exit codes: 0 intact, 1 altered, unsigned, unrecorded or unreadable, 2 bad usage or no public key.`;

const Args = z.object({
  'public-key': z.string().min(1).optional(),
  db: z.boolean().default(false),
  files: z.array(z.string().min(1)).min(1, 'name at least one bundle'),
});

function readPublicKey(path: string): KeyObject {
  try {
    return createPublicKey(readFileSync(path));
  } catch (err) {
    throw new UsageError(
      `No usable public key at ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): pass --public-key <file.pem>, the server's <RINGLENS_HOME>/credentials/bundle-signing.pub.pem.`,
    );
  }
}

async function auditProblems(db: Db, manifestSha256: string, zipSha256: string): Promise<string[] | string> {
  const rows = await db.read<{ id: string; at: string; actor: string; ringId: string; details: string }>(
    'audit-export-find.read',
    { manifestSha256 },
  );
  const match = rows.find(
    (r) => (JSON.parse(r.details) as { manifestSha256?: string }).manifestSha256 === manifestSha256,
  );
  if (!match) return [`no export of this bundle is recorded in the audit trail (manifest SHA-256 ${manifestSha256})`];
  const sameZip = (JSON.parse(match.details) as { sha256?: string }).sha256 === zipSha256;
  return `recorded in the audit trail: exported by ${match.actor} at ${match.at} (event ${match.id}${sameZip ? ', same zip file' : ', re-packed zip of the same signed manifest'})`;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, { 'public-key': { type: 'string' }, db: { type: 'boolean' } }, true);
  if (parsed.values.help || argv.length === 0) {
    console.log(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const args = checkOptions(Args, { ...parsed.values, files: parsed.positionals });
  const cfg = loadConfig();
  const publicKey = readPublicKey(args['public-key'] ?? publicKeyPath(cfg.RINGLENS_HOME));
  const db = args.db ? await connect(cfg, (l) => console.error(l)) : undefined;
  let failed = false;
  try {
    for (const file of args.files) {
      let data: Uint8Array;
      try {
        data = new Uint8Array(readFileSync(file));
      } catch (err) {
        console.error(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
        failed = true;
        continue;
      }
      const v = verifyBundle(data, publicKey);
      const problems = [...v.problems];
      let recorded = '';
      if (db && v.manifestSha256) {
        const a = await auditProblems(db, v.manifestSha256, sha256(data));
        if (typeof a === 'string') recorded = `; ${a}`;
        else problems.push(...a);
      }
      if (problems.length === 0) {
        console.log(
          `${file}: intact — signed by key ${keyIdOf(publicKey)}, ${v.checked} files match manifest.json (ring ${v.manifest?.ring.id}, exported by ${v.manifest?.exportedBy} at ${v.manifest?.exportedAt})${recorded}.`,
        );
      } else {
        failed = true;
        console.error(`${file}: NOT intact:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      }
    }
  } finally {
    await db?.close();
  }
  return failed ? 1 : 0;
}

runMain(() => main(process.argv.slice(2)), { exitCodes: [1, 2], failed: 'verify-bundle failed' });
