import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  setTotal(total: number): void;
  stop(): void;
}

/** Without a terminal (logs, CI): a plain line at most once a second instead of a bar. */
function lines(label: string, initialTotal: number, unit: string, stream: NodeJS.WriteStream): Progress {
  let total = initialTotal;
  let last = performance.now();
  return {
    update(value, payload) {
      const now = performance.now();
      if (now - last < 1000) return;
      last = now;
      const pct = total > 0 ? ` (${Math.floor((value / total) * 100)} %)` : '';
      stream.write(`${label}: ${value}/${total}${unit ? ` ${unit}` : ''}${pct}${payload?.note ? ` ${payload.note}` : ''}\n`);
    },
    setTotal: (t) => {
      total = t;
    },
    stop() {},
  };
}

/**
 * A progress bar on stderr for long operator work; without a terminal, a line a second, so
 * logs and CI output stay readable.
 */
export function progressBar(label: string, total: number, unit = '', stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return lines(label, total, unit, stream);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(18)} {bar} {percentage}% | {value}/{total}${unit ? ` ${unit}` : ''} | ETA {eta_formatted} {note}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      stream,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { note: '' });
  return {
    update: (value, payload) => bar.update(value, { note: '', ...payload }),
    setTotal: (t) => bar.setTotal(t),
    stop: () => bar.stop(),
  };
}
