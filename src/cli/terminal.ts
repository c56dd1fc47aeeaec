// What stdout is: a terminal (a person: fit its width, colour) or a pipe or file (a script: unlimited
// width, no colour, the documented bytes). Decided once, from the real stream and the environment.
import { MIN_COLUMNS, type TerminalOptions } from "../report/terminal.js";

/** Width assumed for a terminal that does not say how wide it is. */
export const DEFAULT_TERMINAL_COLUMNS = 80;

/** Environment variables that decide colour and width. */
export interface TerminalEnv {
  readonly NO_COLOR?: string | undefined;
  readonly FORCE_COLOR?: string | undefined;
  readonly TERM?: string | undefined;
  readonly COLUMNS?: string | undefined;
}

/**
 * Whether to colour a stream: `FORCE_COLOR` decides when set (`0` or `false`: never; empty, `1`, `2`,
 * `3`, `true`: always, even into a pipe), as in Node itself; else a non-empty `NO_COLOR` turns colour
 * off; else only a terminal other than `TERM=dumb` gets colour.
 */
export function colorWanted(isTTY: boolean, env: TerminalEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ["", "1", "2", "3", "true"].includes(force);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY && env.TERM !== "dumb";
}

/**
 * The width to lay out for: a terminal's own width (else `COLUMNS`, else 80), at least `MIN_COLUMNS`; none
 * for a pipe or a file, so scripts keep one table row per line.
 */
export function columnsFor(
  isTTY: boolean,
  reported: number | undefined,
  env: TerminalEnv,
): number | undefined {
  if (!isTTY) return undefined;
  if (reported !== undefined && reported > 0) return Math.max(MIN_COLUMNS, reported);
  const fromEnv = Number(env.COLUMNS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0
    ? Math.max(MIN_COLUMNS, fromEnv)
    : DEFAULT_TERMINAL_COLUMNS;
}

/** Layout options for a stream. */
export function terminalOptions(
  isTTY: boolean,
  reported: number | undefined,
  env: TerminalEnv,
): TerminalOptions {
  const columns = columnsFor(isTTY, reported, env);
  return { ...(columns !== undefined ? { columns } : {}), color: colorWanted(isTTY, env) };
}
