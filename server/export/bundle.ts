/**
 * The evidence bundle: a zip of every export format plus manifest.json, which lists each file with its SHA-256 and
 * size, the ring, the detection run and its parameters, the query that produced it, and who exported it when, and
 * manifest.sig, the server's Ed25519 signature of manifest.json's exact bytes (server/secrets.ts holds the key).
 * verifyBundle() checks the signature with the server's public key and recomputes every hash: a changed file fails
 * its hash, and a changed file whose hash was recomputed in the manifest fails the signature. The export also records
 * the SHA-256 of manifest.json and of the whole zip in the audit trail (`npm run verify-bundle -- --db` checks it).
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { toCytoscapeJson, toEdgesCsv, toGraphml, toNodesCsv } from './formats.ts';
import { toSvg } from './picture.ts';
import { toHtmlReport, type ExportContext } from './report.ts';
import type { RingEvidence } from './ring-evidence.ts';

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface Manifest {
  format: 'ringlens-evidence-bundle/1';
  ring: { id: string; kind: string; score: number; size: number; status: string };
  run: { id: string; params: unknown } | null;
  query: Record<string, unknown>;
  exportedBy: string;
  exportedAt: string;
  ringlensVersion: string;
  files: Array<{ name: string; sha256: string; bytes: number }>;
  /** Which key signed manifest.sig: Ed25519, and the SHA-256 (first 16 hex) of its public key (SPKI DER). */
  signature: { algorithm: 'Ed25519'; keyId: string };
}

export const SIGNATURE_FILE = 'manifest.sig';

export function keyIdOf(publicKey: KeyObject): string {
  return sha256(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }))).slice(0, 16);
}

export interface BuiltBundle {
  zip: Uint8Array;
  /** SHA-256 of manifest.json (signed): what the audit trail records along with the zip's own hash. */
  manifestSha256: string;
  zipSha256: string;
}

export function buildBundle(
  e: RingEvidence,
  ctx: ExportContext,
  query: Record<string, unknown>,
  signingKey: KeyObject,
  png?: Uint8Array,
): BuiltBundle {
  const files: Record<string, Uint8Array> = {
    'report.html': strToU8(toHtmlReport(e, ctx)),
    'graph.json': strToU8(toCytoscapeJson(e)),
    'nodes.csv': strToU8(toNodesCsv(e)),
    'edges.csv': strToU8(toEdgesCsv(e)),
    'graph.graphml': strToU8(toGraphml(e)),
    'graph.svg': strToU8(toSvg(e)),
    'annotations.json': strToU8(`${JSON.stringify(e.annotations, null, 2)}\n`),
  };
  if (png) files['graph.png'] = png;
  const manifest: Manifest = {
    format: 'ringlens-evidence-bundle/1',
    ring: { id: e.ring.id, kind: e.ring.kind, score: e.ring.score, size: e.ring.size, status: e.ring.status },
    run: e.run ? { id: e.run.id, params: e.run.params } : null,
    query,
    exportedBy: ctx.exportedBy,
    exportedAt: ctx.exportedAt,
    ringlensVersion: ctx.ringlensVersion,
    files: Object.entries(files).map(([name, data]) => ({ name, sha256: sha256(data), bytes: data.length })),
    signature: { algorithm: 'Ed25519', keyId: keyIdOf(createPublicKey(signingKey)) },
  };
  const mtime = new Date(ctx.exportedAt);
  const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = sign(null, manifestBytes, signingKey).toString('base64');
  const zip = zipSync(
    { ...files, 'manifest.json': manifestBytes, [SIGNATURE_FILE]: strToU8(`${signature}\n`) },
    { level: 6, mtime },
  );
  return { zip, manifestSha256: sha256(manifestBytes), zipSha256: sha256(zip) };
}

export interface Verification {
  ok: boolean;
  problems: string[];
  manifest?: Manifest;
  checked: number;
  /** SHA-256 of manifest.json, to look the export up in the audit trail. */
  manifestSha256?: string;
}

/** Checks the manifest's signature with `publicKey` (the server's) and every file's hash against the manifest. */
export function verifyBundle(zip: Uint8Array, publicKey: KeyObject): Verification {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    return { ok: false, problems: [`not a readable zip file: ${(err as Error).message}`], checked: 0 };
  }
  const raw = entries['manifest.json'];
  if (!raw) return { ok: false, problems: ['manifest.json is missing'], checked: 0 };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(raw)) as Manifest;
  } catch {
    return { ok: false, problems: ['manifest.json is not valid JSON'], checked: 0 };
  }
  const problems: string[] = [];
  const sig = entries[SIGNATURE_FILE];
  if (!sig) problems.push(`${SIGNATURE_FILE} is missing: the bundle is not signed`);
  else if (!verify(null, raw, publicKey, Buffer.from(strFromU8(sig).trim(), 'base64')))
    problems.push(
      `manifest.json does not match its signature (${SIGNATURE_FILE}) under the public key ${keyIdOf(publicKey)}: the manifest was altered, or another key signed it`,
    );
  const listed = new Set<string>();
  for (const f of manifest.files ?? []) {
    listed.add(f.name);
    const data = entries[f.name];
    if (!data) problems.push(`${f.name} is listed in the manifest but missing from the bundle`);
    else if (sha256(data) !== f.sha256)
      problems.push(`${f.name} was altered: its SHA-256 is ${sha256(data)}, the manifest says ${f.sha256}`);
    else if (data.length !== f.bytes) problems.push(`${f.name} has ${data.length} bytes, the manifest says ${f.bytes}`);
  }
  for (const name of Object.keys(entries)) {
    if (name !== 'manifest.json' && name !== SIGNATURE_FILE && !listed.has(name))
      problems.push(`${name} is in the bundle but not in the manifest`);
  }
  return { ok: problems.length === 0, problems, manifest, checked: listed.size, manifestSha256: sha256(raw) };
}
