// Progress on stderr for long work (a sweep's jobs, a run's devices): drawn only when stderr is a
// terminal and the work has lasted about a second, then at most ten times a second, with the elapsed time,
// the rate and an estimate of the time left. Erased when the work ends, fails or is interrupted.
import { formatDuration } from "../scenario/duration.js";
import type { CliIo } from "./io.js";

/** Receives the amount of work done; `finish` erases the line. */
export interface Progress {
  readonly update: (done: number) => void;
  readonly finish: () => void;
}

/** Options of `progressBar`; the clock is injectable for tests. */
export interface ProgressOptions {
  /** The line's first word (default `sweep`). */
  readonly label?: string;
  /** What is counted, for the rate (default `runs`). */
  readonly unit?: string;
  /** Milliseconds, monotonic. */
  readonly now?: () => number;
  /** Nothing is drawn before this many milliseconds (default 1000). */
  readonly delayMs?: number;
  /** Least time between two redraws (default 100). */
  readonly intervalMs?: number;
  /**
   * The main thread stays free while the work runs (worker threads do it): Ctrl-C then erases the line
   * and shows the cursor before the program ends, and the cursor is hidden while the line is drawn. Work in
   * the main thread leaves Ctrl-C alone, so that it still ends the program at once.
   */
  readonly interruptible?: boolean;
}

/** What a progress line shows. */
export interface ProgressState {
  readonly label: string;
  readonly unit: string;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

const NONE: Progress = { update: () => undefined, finish: () => undefined };
const BAR_CELLS = 30;
const SHORTEST_BAR = 10;
const ERASE = "\r\x1b[2K";
const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";

const time = (ms: number): string => formatDuration(Math.round(ms / 1000));

function rateText(perSecond: number): string {
  if (perSecond >= 100) return String(Math.round(perSecond));
  if (perSecond >= 10) return perSecond.toFixed(1);
  return perSecond.toFixed(2);
}

/**
 * The progress text, e.g. `sweep [#######-------] 42/150 28% 12s, 3.50 runs/s, about 31s left`, no wider
 * than `columns`: the bar shrinks, then goes, then the estimate, then the rate.
 */
export function progressLine(state: ProgressState, columns = Infinity): string {
  const { label, unit, done, total, elapsedMs } = state;
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const count = `${done}/${total} ${Math.floor(fraction * 100)}%`;
  const perSecond = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const rate = `${rateText(perSecond)} ${unit}/s`;
  const left = perSecond > 0 ? `about ${time(((total - done) * 1000) / perSecond)} left` : "";
  const tails = [[time(elapsedMs), rate, left], [time(elapsedMs), rate], [time(elapsedMs)], []].map((parts) =>
    parts.filter((p) => p !== "").join(", "),
  );
  // The richest line that fits, with the widest bar that fits beside it.
  for (const tail of tails) {
    const text = tail === "" ? `${label} ${count}` : `${label} ${count} ${tail}`;
    const room = columns - 1 - text.length - 3;
    if (room >= SHORTEST_BAR) {
      const cells = Math.min(BAR_CELLS, room);
      const filled = Math.round(fraction * cells);
      const bar = `[${"#".repeat(filled)}${"-".repeat(cells - filled)}]`;
      return tail === "" ? `${label} ${bar} ${count}` : `${label} ${bar} ${count} ${tail}`;
    }
    if (text.length < columns) return text;
  }
  return `${label} ${count}`.slice(0, Math.max(0, columns - 1));
}

/** A progress line for `total` units of work on `io.stderr`, or a no-op when stderr is not a terminal. */
export function progressBar(io: CliIo, total: number, options: ProgressOptions = {}): Progress {
  if (!io.stderrIsTTY) return NONE;
  const now = options.now ?? (() => performance.now());
  const label = options.label ?? "sweep";
  const unit = options.unit ?? "runs";
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  const start = now();
  let last = -Infinity;
  let drawn = false;
  let undoInterrupt: (() => void) | undefined;
  const erase = () => {
    if (!drawn) return;
    drawn = false;
    io.stderr(ERASE + (undoInterrupt ? SHOW_CURSOR : ""));
  };
  return {
    update: (done) => {
      const t = now();
      if (t - start < delay || (t - last < interval && done < total)) return;
      last = t;
      let prefix = "";
      if (!drawn && options.interruptible === true && io.onInterrupt && undoInterrupt === undefined) {
        // Registered at the first drawing, when the main thread is known to be free between updates.
        undoInterrupt = io.onInterrupt(erase);
        prefix = HIDE_CURSOR;
      }
      drawn = true;
      // One column is kept free: a line that fills the terminal would wrap, and \r would not reach it.
      const columns = io.stderrColumns?.() ?? Infinity;
      io.stderr(
        `${prefix}\r${progressLine({ label, unit, done, total, elapsedMs: t - start }, columns)}\x1b[K`,
      );
    },
    finish: () => {
      // Erase the line so the table (stdout, maybe the same terminal) starts clean.
      erase();
      undoInterrupt?.();
    },
  };
}
