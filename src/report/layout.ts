// Tables, headings and paragraphs that fit the terminal. Every string is made visible (`visible`) here,
// where it enters the rendering, so no renderer can print a file's control characters raw. Linear in the
// size of the text: each cell is measured once.
import { displayWidth, paint, splitByWidth, visible, type TerminalOptions, type Tone } from "./terminal.js";
import { largest } from "../extremes.js";

/**
 * A table cell: text (shown on one line, control characters escaped), or lines with a colour; a header
 * cell may name its column differently in the list layout (`label`, e.g. a path broken over lines).
 */
export type Cell =
  | string
  | {
      readonly text: string | readonly string[];
      readonly tone?: Tone | undefined;
      readonly label?: string | undefined;
    };

/** How a table is laid out. */
export interface TableOptions extends TerminalOptions {
  /**
   * A table wider than `columns`: `wrap` its cells (a list when even that does not fit), or show it as a
   * `list` at once (for long prose, such as findings).
   */
  readonly overflow?: "wrap" | "list";
  /** Leading columns that name a row in the list layout (default 1). */
  readonly keyColumns?: number;
  /** In the list layout, write a row's name as `header=value` (for varied settings). */
  readonly labelledKey?: boolean;
}

interface Prepared {
  readonly lines: readonly string[];
  readonly tone: Tone | undefined;
  readonly label: string;
}

/**
 * Joins words that must stay on one line (a mean and its interval, a number and its unit): wrapping breaks
 * only at plain spaces, and the glue prints as a space.
 */
export const GLUE = "\u00a0";

/** `text` whose spaces never break a line (a mean and its interval stay together). */
export function glued(text: string): string {
  return text.replaceAll(" ", GLUE);
}

/** `text` with its glue printed as spaces (what every renderer writes). */
export const unglued = (text: string): string => (text.includes(GLUE) ? text.replaceAll(GLUE, " ") : text);

/** Text as it reaches the terminal: its glue a plain space again, then painted in its tone. */
const shown = (text: string, tone: Tone | undefined, options: TerminalOptions): string =>
  paint(unglued(text), tone, options);

function prepare(cell: Cell): Prepared {
  if (typeof cell === "string") {
    const text = visible(cell);
    return { lines: [text], tone: undefined, label: text };
  }
  const lines = (typeof cell.text === "string" ? [cell.text] : cell.text).map(visible);
  return { lines, tone: cell.tone, label: cell.label !== undefined ? visible(cell.label) : lines.join(" ") };
}

/** Narrowest a wrapped column gets. */
const NARROWEST = 4;

/**
 * One line wrapped at spaces: the first line to `width` columns, the others to `rest`; a word wider than
 * its line is broken after a dot where it has one.
 * @returns at least one line
 */
export function wrapLine(line: string, width: number, rest: number = width): string[] {
  if (displayWidth(line) <= width) return [line];
  const out: string[] = [];
  let current = "";
  let used = 0;
  const limit = () => (out.length === 0 ? width : rest);
  for (const word of line.split(" ")) {
    const w = displayWidth(word);
    if (current !== "" && used + 1 + w <= limit()) {
      current += ` ${word}`;
      used += 1 + w;
      continue;
    }
    if (current !== "") out.push(current);
    current = "";
    used = 0;
    // A word too wide for a short first line but not for the others starts on the next line, whole.
    if (out.length === 0 && w > width && w <= rest) out.push("");
    if (w <= limit()) {
      current = word;
      used = w;
      continue;
    }
    // A word wider than any line (a long metric or scenario path) breaks after its last dot that fits, so
    // each piece ends a whole name; only a word without dots is cut at the width.
    let remaining = word;
    while (displayWidth(remaining) > limit()) {
      const [piece = "", ...others] = splitByWidth(remaining, limit());
      const dot = piece.lastIndexOf(".");
      const cut = dot > 0 ? dot + 1 : piece.length;
      out.push(piece.slice(0, cut));
      remaining = piece.slice(cut) + others.join("");
    }
    current = remaining;
    used = displayWidth(remaining);
  }
  out.push(current);
  return out;
}

function wrapLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => wrapLine(line, width));
}

const longestWord = (line: string): number =>
  Math.max(0, largest(line.split(" ").map((word) => displayWidth(word))));

/**
 * Widths that fit `available` columns of content: the widest columns shrink first, none below its
 * minimum; undefined when the minimums alone do not fit.
 */
function fitWidths(
  natural: readonly number[],
  minimum: readonly number[],
  available: number,
): number[] | undefined {
  if (minimum.reduce((a, b) => a + b, 0) > available) return undefined;
  const at = (cap: number) => natural.map((n, i) => Math.min(n, Math.max(minimum[i] ?? 0, cap)));
  const sum = (widths: readonly number[]) => widths.reduce((a, b) => a + b, 0);
  // The largest cap for which the columns fit, by bisection.
  let lo = 0;
  let hi = Math.max(0, largest(natural));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(at(mid)) <= available) lo = mid;
    else hi = mid - 1;
  }
  const widths = at(lo);
  // The columns left: one more each to the capped columns, left to right.
  let spare = available - sum(widths);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    if ((widths[i] ?? 0) < (natural[i] ?? 0)) {
      widths[i] = (widths[i] ?? 0) + 1;
      spare--;
    }
  }
  return widths;
}

function border(widths: readonly number[], left: string, middle: string, right: string): string {
  return left + widths.map((w) => "─".repeat(w + 2)).join(middle) + right;
}

function boxed(
  head: readonly Prepared[] | null,
  rows: readonly (readonly Prepared[])[],
  widths: readonly number[],
  wrap: boolean,
  options: TerminalOptions,
): string {
  const out: string[] = [border(widths, "┌", "┬", "┐")];
  const emit = (cells: readonly Prepared[], wrap: boolean) => {
    const blocks = widths.map((w, i) => {
      const cell = cells[i];
      return cell === undefined ? [""] : wrap ? wrapLines(cell.lines, w) : cell.lines;
    });
    const height = largest(blocks.map((b) => b.length));
    for (let l = 0; l < height; l++) {
      let line = "│";
      for (let i = 0; i < widths.length; i++) {
        const text = blocks[i]?.[l] ?? "";
        const pad = " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(text)));
        line += ` ${shown(text, cells[i]?.tone, options)}${pad} │`;
      }
      out.push(line);
    }
  };
  if (head) {
    emit(head, wrap);
    if (rows.length > 0) out.push(border(widths, "├", "┼", "┤"));
  }
  for (const row of rows) emit(row, wrap);
  out.push(border(widths, "└", "┴", "┘"));
  return out.join("\n");
}

// A row as a block of lines: its name, then `header: value` for every other non-empty cell.
function listed(
  head: readonly Prepared[] | null,
  rows: readonly (readonly Prepared[])[],
  options: TableOptions,
): string {
  const columns = options.columns ?? Infinity;
  const keys = Math.max(1, options.keyColumns ?? 1);
  const label = (i: number) => unglued(head?.[i]?.label ?? "");
  const indent = "    ";
  const blocks = rows.map((row) => {
    const name = row
      .slice(0, keys)
      .map((cell, i) => {
        const text = cell.lines.join(" ");
        return options.labelledKey === true && label(i) !== "" ? `${label(i)}=${text}` : text;
      })
      .join("  ");
    const lines = wrapLine(name, columns, columns - indent.length).map((piece, p) =>
      shown(p === 0 ? piece : indent + piece, row[0]?.tone, options),
    );
    for (let i = keys; i < row.length; i++) {
      const cell = row[i];
      if (cell === undefined || cell.lines.every((l) => l === "")) continue;
      const prefix = label(i) === "" ? "  " : `  ${label(i)}: `;
      const rest = columns - indent.length;
      if (displayWidth(prefix) + NARROWEST > columns) {
        // A header too wide to share a line with its value: the header, then the value under it.
        wrapLine(`${label(i)}:`, columns - 2, rest).forEach((piece, p) =>
          lines.push((p === 0 ? "  " : indent) + piece),
        );
        for (const text of cell.lines)
          for (const piece of wrapLine(text, rest)) lines.push(indent + shown(piece, cell.tone, options));
        continue;
      }
      cell.lines.forEach((text, n) => {
        const first = n === 0 ? prefix : indent;
        const pieces = wrapLine(text, columns - displayWidth(first), rest);
        pieces.forEach((piece, p) =>
          lines.push(`${p === 0 ? first : indent}${shown(piece, cell.tone, options)}`.trimEnd()),
        );
      });
    }
    return lines;
  });
  const spaced = blocks.some((b) => b.length > 2);
  return blocks.map((b) => b.join("\n")).join(spaced ? "\n\n" : "\n");
}

/**
 * A table with box borders. Without `columns` every cell keeps its lines (one row per line for scripts);
 * with it, a table wider than the terminal wraps its cells or becomes a list (`overflow`).
 */
export function table(
  head: readonly Cell[] | null,
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string {
  const h = head ? head.map(prepare) : null;
  const r = rows.map((row) => row.map(prepare));
  let count = h?.length ?? 0;
  for (const row of r) count = Math.max(count, row.length);
  if (count === 0) return "";
  const all = h ? [h, ...r] : r;
  const natural = new Array<number>(count).fill(0);
  const minimum = new Array<number>(count).fill(0);
  for (const row of all)
    row.forEach((cell, i) => {
      for (const line of cell.lines) {
        natural[i] = Math.max(natural[i] ?? 0, displayWidth(line));
        if (options.columns !== undefined)
          // No word is broken (a reason, a server name, a metric path): a table whose words cannot
          // all fit becomes a list instead.
          minimum[i] = Math.max(minimum[i] ?? 0, longestWord(line));
      }
    });
  const frame = 3 * count + 1;
  const columns = options.columns;
  if (columns === undefined || natural.reduce((a, b) => a + b, frame) <= columns)
    return boxed(h, r, natural, false, options);
  const floor = minimum.map((m, i) => Math.min(natural[i] ?? 0, Math.max(NARROWEST, m)));
  const widths = options.overflow === "list" ? undefined : fitWidths(natural, floor, columns - frame);
  return widths ? boxed(h, r, widths, true, options) : listed(h, r, options);
}

/** One paragraph wrapped to the terminal, control characters made visible, in a colour. */
export function paragraph(text: string, options: TerminalOptions = {}, tone?: Tone): string {
  const safe = visible(text);
  const lines = options.columns === undefined ? [safe] : wrapLine(safe, options.columns);
  return lines.map((line) => shown(line, tone, options)).join("\n");
}

/** A titled section: the title (bold at a terminal), then the body. */
export function section(title: string, body: string, options: TerminalOptions = {}): string {
  return `${paragraph(title, options, "title")}\n${body}\n`;
}
