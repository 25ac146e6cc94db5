import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  setTotal(total: number): void;
  stop(): void;
}

const quiet: Progress = { update() {}, setTotal() {}, stop() {} };

/**
 * A progress bar on stderr for long operator work; silent when stderr is not a terminal, so
 * logs and CI output stay readable.
 */
export function progressBar(label: string, total: number, unit = '', stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return quiet;
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
