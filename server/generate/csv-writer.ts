// A buffered CSV file writer that respects stream backpressure, so generating a million accounts never queues the
// whole file in memory: rows are joined into ~1 MB chunks and the producer awaits `drain` when the OS is behind.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const CHUNK_CHARS = 1 << 20;

/** RFC 4180 quoting, only when a cell needs it. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export class CsvWriter<Row extends object> {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private buffered = 0;
  private failure: Error | undefined;
  rows = 0;

  constructor(
    path: string,
    private readonly columns: readonly (keyof Row & string)[],
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    // Remember a write failure (disk full, permissions) and report it at the next flush instead of crashing.
    this.stream.on('error', (err) => (this.failure = err));
    this.push(columns.join(','));
  }

  write(row: Row): void {
    const record = row as Record<string, string | number | undefined>;
    this.push(this.columns.map((column) => csvCell(record[column])).join(','));
    this.rows++;
  }

  private push(line: string): void {
    this.buffer.push(line);
    this.buffered += line.length + 1;
  }

  /** Hand buffered rows to the stream once enough have piled up; resolves when the stream can take more. */
  async flush(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffered === 0 || (!force && this.buffered < CHUNK_CHARS)) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.buffered = 0;
    // events.once rejects if the stream errors while we wait, so a failed disk never hangs the generator.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => (this.failure ? reject(this.failure) : resolve()));
    });
  }
}
