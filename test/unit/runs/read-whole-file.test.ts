import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readWholeFile } from '../../../server/runs/input-cache.ts';
import { tempDir } from '../../support/ingest-data.ts';

describe('readWholeFile (the detection cache, over the 2 GiB readFileSync refuses)', () => {
  it('reads a file in pieces into one buffer, byte for byte, whatever the piece size', () => {
    const dir = tempDir();
    const data = serialize({ groups: Array.from({ length: 500 }, (_, i) => [`k${i}`, i * 7, 'é🙂']) });
    const path = join(dir, 'cache.v8');
    writeFileSync(path, data);
    for (const piece of [1, 7, 4096, data.length - 1, data.length, 1 << 30]) {
      const read = readWholeFile(path, piece);
      expect(read.equals(data)).toBe(true);
    }
    expect(deserialize(readWholeFile(path, 13))).toEqual(deserialize(data));
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    expect(readWholeFile(empty).length).toBe(0);
  });

  it('throws ENOENT for a missing file (the caller reads that as "no cached input yet")', () => {
    expect(() => readWholeFile(join(tempDir(), 'nothing-here'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
