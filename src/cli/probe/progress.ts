// Progress of a long probe on stderr: only on a terminal, and only once it has taken about a second.
import type { CliIo } from "../io.js";

/** Waits this long before the first progress line, so quick probes print nothing. */
const QUIET_MS = 1000;

/** A progress reporter: `update` after each probe, `finish` at the end (clears the line). */
export interface Progress {
  readonly update: (done: number, total: number) => void;
  readonly finish: () => void;
}

/** Progress on stderr when it is a terminal; silent otherwise. */
export function probeProgress(io: CliIo): Progress {
  if (!io.stderrIsTTY) return { update: () => undefined, finish: () => undefined };
  const started = performance.now();
  let shown = false;
  return {
    update: (done, total) => {
      if (performance.now() - started < QUIET_MS) return;
      shown = true;
      io.stderr(`\rmdmsim probe: ${done}/${total} probes done`);
    },
    finish: () => {
      if (shown) io.stderr("\r\x1b[K");
    },
  };
}
