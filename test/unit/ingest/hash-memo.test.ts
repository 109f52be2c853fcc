import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HashMemo } from '../../../server/ingest/hash-memo.ts';
import { contentHash, fileSource } from '../../../server/ingest/sources.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ringlens-hash-memo-'));
  dirs.push(dir);
  const file = join(dir, 'links-1.csv');
  writeFileSync(file, 'account,kind,key\nacc_1,device,dev_a\n');
  return { dir, file, memoPath: join(dir, 'cache', 'input-hashes.json') };
}

describe('HashMemo (input files recognised without reading them again)', () => {
  it('reads a file once, then remembers its hash across runs while the file is unchanged', async () => {
    const { file, memoPath } = setup();
    const truth = await contentHash(await fileSource(file, 'links'));
    const first = new HashMemo(memoPath);
    expect(await first.hash(await fileSource(file, 'links'))).toBe(truth);
    expect([first.read, first.remembered]).toEqual([1, 0]);
    first.save();
    expect(statSync(memoPath).mode & 0o777).toBe(0o600);

    const next = new HashMemo(memoPath);
    expect(await next.hash(await fileSource(file, 'links'))).toBe(truth);
    expect([next.read, next.remembered]).toEqual([0, 1]);
  });

  it('reads a rewritten file again, even with the same size and its old modification time put back', async () => {
    const { file, memoPath } = setup();
    const when = 1_700_000_000; // whole seconds: the same nanoseconds when set again
    utimesSync(file, when, when);
    const memo = new HashMemo(memoPath);
    await memo.hash(await fileSource(file, 'links'));
    memo.save();
    writeFileSync(file, 'account,kind,key\nacc_2,device,dev_b\n'); // same length, other bytes
    utimesSync(file, when, when);
    const again = new HashMemo(memoPath);
    const hash = await again.hash(await fileSource(file, 'links'));
    expect(again.read).toBe(1);
    expect(hash).toBe(await contentHash(await fileSource(file, 'links')));
  });

  it('ignores a memo it cannot read, and forgets files gone from disk', async () => {
    const { dir, file, memoPath } = setup();
    const other = join(dir, 'links-2.csv');
    writeFileSync(other, 'account,kind,key\nacc_3,ip,1.2.3.4\n');
    const memo = new HashMemo(memoPath);
    await memo.hash(await fileSource(file, 'links'));
    await memo.hash(await fileSource(other, 'links'));
    memo.save();
    const later = new HashMemo(memoPath);
    await later.hash(await fileSource(other, 'links'));
    later.save();
    expect(readFileSync(memoPath, 'utf8')).toContain('links-1.csv'); // still on disk (another job's, say)
    rmSync(file);
    const after = new HashMemo(memoPath);
    await after.hash(await fileSource(other, 'links'));
    after.save();
    expect(readFileSync(memoPath, 'utf8')).not.toContain('links-1.csv');
    expect(readFileSync(memoPath, 'utf8')).toContain('links-2.csv');

    writeFileSync(memoPath, '{not json');
    chmodSync(memoPath, 0o600);
    const broken = new HashMemo(memoPath);
    expect(await broken.hash(await fileSource(other, 'links'))).toBe(
      await contentHash(await fileSource(other, 'links')),
    );
    expect(broken.read).toBe(1);
  });
});
