/**
 * `npm run verify-bundle -- <bundle.zip>…`: checks that an evidence bundle is intact — every file listed in its
 * manifest.json is present with the recorded SHA-256 and size, and nothing unlisted was added.
 * Exit codes: 0 intact, 1 altered or unreadable, 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { verifyBundle } from '../server/export/bundle.ts';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || args.length === 0) {
  console.log(`Usage: npm run verify-bundle -- <bundle.zip>…

Recomputes the SHA-256 of every file in a RingLens evidence bundle and compares it with manifest.json.
Exit codes: 0 intact, 1 altered or unreadable, 2 bad usage.`);
  process.exit(args.length === 0 ? 2 : 0);
}
let failed = false;
for (const file of args) {
  let data: Uint8Array;
  try {
    data = new Uint8Array(readFileSync(file));
  } catch (err) {
    console.error(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    failed = true;
    continue;
  }
  const v = verifyBundle(data);
  if (v.ok) {
    console.log(
      `${file}: intact — ${v.checked} files match manifest.json (ring ${v.manifest?.ring.id}, exported by ${v.manifest?.exportedBy} at ${v.manifest?.exportedAt}).`,
    );
  } else {
    failed = true;
    console.error(`${file}: NOT intact:\n${v.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
process.exit(failed ? 1 : 0);
