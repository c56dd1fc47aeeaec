// A progress bar on stderr for long sweeps: drawn only when stderr is a terminal, and only once the
// sweep has run for about a second (short sweeps stay silent), then at most ten times a second.
import type { CliIo } from "./io.js";

/** Receives the number of finished jobs; `finish` erases the bar. */
export interface Progress {
  readonly update: (done: number) => void;
  readonly finish: () => void;
}

/** Options of `progressBar`; the clock is injectable for tests. */
export interface ProgressOptions {
  readonly label?: string;
  /** Milliseconds, monotonic. */
  readonly now?: () => number;
  /** Nothing is drawn before this many milliseconds (default 1000). */
  readonly delayMs?: number;
  /** Least time between two redraws (default 100). */
  readonly intervalMs?: number;
  /** Cells of the bar (default 30). */
  readonly width?: number;
}

const NONE: Progress = { update: () => undefined, finish: () => undefined };

/** The bar's text for `done` of `total`, e.g. `sweep [#######-------] 42/150 28%`. */
export function progressLine(label: string, done: number, total: number, width = 30): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${Math.floor(fraction * 100)}%`;
}

/** A progress bar for `total` jobs on `io.stderr`, or a no-op when stderr is not a terminal. */
export function progressBar(io: CliIo, total: number, options: ProgressOptions = {}): Progress {
  if (!io.stderrIsTTY) return NONE;
  const now = options.now ?? (() => performance.now());
  const label = options.label ?? "sweep";
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  const start = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update: (done) => {
      const t = now();
      if (t - start < delay || (t - last < interval && done < total)) return;
      last = t;
      drawn = true;
      io.stderr(`\r${progressLine(label, done, total, options.width)}`);
    },
    finish: () => {
      // Erase the line so the table (stdout, maybe the same terminal) starts clean.
      if (drawn) io.stderr("\r\x1b[2K");
    },
  };
}
