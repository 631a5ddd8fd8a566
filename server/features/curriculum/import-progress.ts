/**
 * Progress output for the import script: a redrawn bar on a terminal, plain lines otherwise (CI
 * logs, pipes), so a log file never fills with carriage returns.
 */
export interface ProgressWriter {
  update(done: number, total: number, label: string): void;
  finish(): void;
}

const WIDTH = 28;

/** A progress writer for `stream` (usually process.stdout). */
export function createProgress(stream: NodeJS.WriteStream): ProgressWriter {
  if (!stream.isTTY) {
    return {
      update: (done, total, label) => stream.write(`[${done}/${total}] ${label}\n`),
      finish: () => undefined,
    };
  }
  return {
    update(done, total, label) {
      const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
      const columns = stream.columns ?? 80;
      const line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${label}`;
      stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
    },
    finish: () => stream.write('\n'),
  };
}
