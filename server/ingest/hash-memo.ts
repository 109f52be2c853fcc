/**
 * Content hashes of input files, remembered by what the file system says of them, as git's index does: a file whose
 * device, inode, size, modification and change times (nanoseconds) are those recorded with its hash is not read
 * again. The nightly job recognises the files it loaded before by content hash; without this it read every input
 * file every night (at 1M accounts 0.6 GB, at 100M tens of GB), so a night's cost followed the data kept in the
 * drop folder, not the new file. Any write to a file changes its change time (ctime), which no program can set back,
 * so a rewritten file is hashed again.
 *
 * The memo is a small JSON file (paths and hashes only, no data), owner-only, written atomically; a memo that cannot
 * be read is ignored (every file is hashed, as before).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { contentHash, type Source } from './sources.ts';

interface FileStamp {
  path: string;
  dev: string;
  ino: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
}

interface Entry {
  files: FileStamp[];
  sha256: string;
}

function stampOf(path: string): FileStamp {
  const s = statSync(path, { bigint: true });
  return {
    path: resolve(path),
    dev: String(s.dev),
    ino: String(s.ino),
    size: String(s.size),
    mtimeNs: String(s.mtimeNs),
    ctimeNs: String(s.ctimeNs),
  };
}

const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
  a.path === b.path &&
  a.dev === b.dev &&
  a.ino === b.ino &&
  a.size === b.size &&
  a.mtimeNs === b.mtimeNs &&
  a.ctimeNs === b.ctimeNs;

export class HashMemo {
  private readonly entries = new Map<string, Entry>();
  private readonly used = new Set<string>();
  /** Sources hashed by reading them (the rest came from the memo). */
  read = 0;
  remembered = 0;

  constructor(private readonly path: string) {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { entries?: Entry[] };
      for (const e of parsed.entries ?? []) this.entries.set(keyOf(e.files.map((f) => f.path)), e);
    } catch {
      // none yet, or unreadable: hash everything
    }
  }

  /** The source's content hash: remembered when none of its files changed, else read (and remembered). */
  async hash(source: Source): Promise<string> {
    if (source.sha256 || source.files.length === 0) return contentHash(source);
    const key = keyOf(source.files);
    this.used.add(key);
    const before = source.files.map(stampOf);
    const known = this.entries.get(key);
    if (known && known.files.length === before.length && known.files.every((f, i) => sameStamp(f, before[i]!))) {
      this.remembered++;
      return known.sha256;
    }
    const sha256 = await contentHash(source);
    this.read++;
    // Remembered only when the files did not change while they were read.
    const after = source.files.map(stampOf);
    if (after.every((f, i) => sameStamp(f, before[i]!))) this.entries.set(key, { files: after, sha256 });
    return sha256;
  }

  /**
   * Writes the memo: the entries of the sources hashed or looked up since it was opened, and those of files that
   * still exist (another job sharing this home reads other folders); files gone from disk are forgotten.
   */
  save(): void {
    const entries = [...this.entries]
      .filter(([key, e]) => this.used.has(key) || e.files.every((f) => existsSync(f.path)))
      .map(([, e]) => e);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ entries }), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, this.path);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
}

function keyOf(files: readonly string[]): string {
  return files.map((f) => resolve(f)).join('\u0000');
}
