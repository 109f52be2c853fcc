import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInfo } from '../../../server/detect/input.ts';
import { detectRings, type DetectRingsResult } from '../../../server/detect/pipeline.ts';
import { readOfflineInput, type OfflineInput } from '../../../server/eval/offline-input.ts';
import { readCompactOfflineInput, type CompactOfflineInput } from '../../../server/eval/offline-input-compact.ts';
import { generateDataset } from '../../../server/generate/dataset.ts';

function findings(result: DetectRingsResult): unknown[] {
  return result.rings.map((r) => [r.id, r.kind, r.members, r.score, r.flagged, r.reasons, r.status]);
}

async function lookUp(input: CompactOfflineInput, ids: string[]): Promise<Map<string, AccountInfo>> {
  return new Map([...(await input.accounts(ids))].map((a) => [a.id, a]));
}

describe('compact offline input (offline-input-compact.ts)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ringlens-compact-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives detectRings the same findings as offline-input.ts on a generated marketplace', async () => {
    const out = join(dir, 'generated');
    const generated = await generateDataset({ seed: 3, accounts: 4000, outDir: out });
    const [full, compact] = await Promise.all([
      readOfflineInput(generated.files),
      readCompactOfflineInput(generated.files),
    ]);
    const [a, b] = await Promise.all([detectRings(full), detectRings(compact)]);
    expect(a.rings.length).toBeGreaterThan(20);
    expect(findings(b)).toEqual(findings(a));
    expect(b.counts.accounts).toBe(a.counts.accounts);
    expect(b.counts.edges).toBe(a.counts.edges);
    // Only shared identifiers (and single-account mailboxes ending in a digit) become groups.
    expect(compact.groups.length).toBeLessThan(full.groups.length / 3);
    // Every account reads the same, devices, addresses, phones and first sightings included.
    const ids = [...full.accounts.keys()];
    const looked = await lookUp(compact, ids);
    expect(looked.size).toBe(ids.length);
    for (const id of ids) expect(looked.get(id), id).toEqual(full.accounts.get(id));
  }, 120_000);

  it('reads unordered rows, repeated links, unknown accounts and repeated payments as offline-input.ts does', async () => {
    const files = {
      accounts: join(dir, 'accounts.csv'),
      links: join(dir, 'links.csv'),
      payments: join(dir, 'payments.csv'),
    };
    await writeFile(
      files.accounts,
      [
        'id,created_at,type,country,status,label',
        'a1,2026-01-01T00:00:00Z,client,US,active,unknown',
        'a2,2026-01-02,client,GB,active,known_fraud',
        'a3,,freelancer,,banned,legit',
      ].join('\n'),
    );
    await writeFile(
      files.links,
      [
        'account_id,kind,value,seen_at',
        'a1,device,dev_1111aaaa2222bbbb,2026-03-02T00:00:00Z',
        'a2,address,"9 Oak Road, Lakeside",2026-05-01T00:00:00Z',
        'a1,address,"1 Elm Street, Springfield",2026-05-01T00:00:00Z',
        'a1,address,"9 OAK ROAD ,Lakeside",2026-05-01T00:00:00Z',
        'a2,device,DEV_1111AAAA2222BBBB,2026-02-01T00:00:00Z',
        'a1,device,dev_1111aaaa2222bbbb,2026-03-01T00:00:00Z',
        'a1,device,dev_3333cccc4444dddd,2026-01-05T10:00:00+02:00',
        'a3,phone,+1 212-555-0143,2026-05-01T00:00:00Z',
        'ghost,phone,(212) 555-0143,2026-05-01T00:00:00Z',
        'a3,email,mark.s01@example.com,2026-05-01T00:00:00Z',
        'a2,email,mark.s02@example.com,2026-05-01T00:00:00Z',
        'a1,email,mark.s03@example.com,2026-05-01T00:00:00Z',
        'a3,ip,203.0.113.7,2026-05-01T00:00:00Z',
        'a3,ip,203.0.113.7,2026-05-01T00:00:00Z',
      ].join('\n'),
    );
    await writeFile(
      files.payments,
      [
        'payer,payee,amount,currency,at,id',
        'a1,a2,10.5,USD,2026-04-01T00:00:00Z,p1',
        'a3,a1,1,USD,2026-04-01T00:00:00Z,p2',
        'a1,a2,4.25,USD,2026-04-02T00:00:00Z,p3',
        'ghost,a3,2,USD,2026-04-02T00:00:00Z,p4',
      ].join('\n'),
    );
    const full: OfflineInput = await readOfflineInput(files);
    const compact = await readCompactOfflineInput(files);
    // Shared groups and digit mailboxes, in the order of their first row; a3's own repeated IP is not shared.
    const shared = full.groups.filter((g) => g.accounts.length > 1 || (g.kind === 'email' && /\d@/.test(g.key)));
    expect(compact.groups).toEqual(shared);
    expect(compact.groups.map((g) => g.kind)).toEqual(['device', 'address', 'phone', 'email', 'email', 'email']);
    expect([...compact.payments]).toEqual(full.payments);
    expect(full.payments[0]).toEqual({ payer: 'a1', payee: 'a2', count: 2, total: 14.75 });
    const looked = await lookUp(compact, ['a1', 'a2', 'a3', 'ghost', 'nobody']);
    expect([...looked.keys()]).toEqual(['a1', 'a2', 'a3']);
    for (const id of ['a1', 'a2', 'a3']) expect(looked.get(id), id).toEqual(full.accounts.get(id));
    expect(looked.get('a3')?.status).toBe('banned');
    expect(looked.get('a1')).toMatchObject({
      devices: 2,
      deviceFirstSeen: {
        dev_1111aaaa2222bbbb: '2026-03-01T00:00:00.000Z',
        dev_3333cccc4444dddd: '2026-01-05T08:00:00.000Z',
      },
    });
    expect(compact.counts).toMatchObject({ accounts: 4, links: 14, paymentRows: 4 });
  });
});
