/**
 * Progress for long CLI work: a live bar with rate and ETA on a terminal; on a pipe or in CI, one plain line every
 * few seconds so logs stay readable.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function progress(label: string, unit = 'rows', stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  if (stream.isTTY && !process.env.CI) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} |{bar}| {percentage}% {value}/{total} ${unit} · {rate} ${unit}/s · ETA {eta_formatted}`,
        hideCursor: true,
        stream,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let startedBar = false;
    return {
      update(done, total) {
        const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
        if (!startedBar) {
          bar.start(total ?? 0, done, { rate });
          startedBar = true;
        }
        if (total !== undefined) bar.setTotal(total);
        bar.update(done, { rate });
      },
      stop() {
        if (startedBar) bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      const secs = (now - started) / 1000;
      const rate = done / Math.max(secs, 0.001);
      const eta = total ? ` · ETA ${Math.max(0, Math.round((total - done) / rate))} s` : '';
      stream.write(`${label}: ${done}${total ? `/${total}` : ''} ${unit} · ${Math.round(rate)} ${unit}/s${eta}\n`);
    },
    stop() {},
  };
}
