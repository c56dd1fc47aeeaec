// What a terminal needs from text: characters it would obey made visible, widths in columns, colour.
// Pure: the shell decides `columns` and `color` from the real stream and passes them in.
import { eastAsianWidth } from "get-east-asian-width";
import { createColors } from "picocolors";

/**
 * The narrowest width text is laid out for: a narrower terminal is given this width (its lines wrap), since
 * a table cannot shrink below one character per column and its rules (1 column took seconds, then threw).
 */
export const MIN_COLUMNS = 10;

/** How text output is laid out: `columns` bounds every line (none: unlimited, as for pipes). */
export interface TerminalOptions {
  /** The terminal's width in columns; undefined for no limit (pipes and files). */
  readonly columns?: number;
  /** ANSI colours (only when the shell decided a person is watching). */
  readonly color?: boolean;
}

/** What a coloured piece of text means; the palette is decided here, once. */
export type Tone = "bad" | "warn" | "good" | "info" | "title" | "dim";

// Control characters (C0, DEL, C1), format characters (bidi controls, zero-width characters, the BOM),
// line and paragraph separators and lone surrogates: a terminal obeys them or shows nothing.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "gu");

const NAMED: Readonly<Record<string, string>> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
};

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\u{${code.toString(16)}}`;
}

/**
 * A string from a file or a server made safe to print: every character a terminal would obey or hide
 * (escape sequences, bells, carriage returns, bidi overrides, zero-width characters) is written as a
 * visible escape (`\e`, `\a`, `\x7f`, `\u202e`), as `ls -b` and git do. Everything else is unchanged.
 */
export function visible(text: string): string {
  return INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, escapeOne) : text;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;

/**
 * Columns a string takes on a terminal: 0 for combining marks, 2 for East Asian wide and fullwidth
 * characters (CJK, most emoji), 1 for the rest. For text without escape sequences (after `visible`).
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text) {
    if (ZERO_WIDTH.test(char)) continue;
    width += eastAsianWidth(char.codePointAt(0) ?? 0, { ambiguousAsWide: false });
  }
  return width;
}

/**
 * Splits a string into pieces of at most `width` columns each (a character wider than `width` gets a
 * piece of its own).
 */
export function splitByWidth(text: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let used = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (used + w > width && piece !== "") {
      pieces.push(piece);
      piece = "";
      used = 0;
    }
    piece += char;
    used += w;
  }
  if (piece !== "" || pieces.length === 0) pieces.push(piece);
  return pieces;
}

const colors = createColors(true);

const PALETTE: Readonly<Record<Tone, (text: string) => string>> = {
  bad: colors.red,
  warn: colors.yellow,
  good: colors.green,
  info: colors.cyan,
  title: colors.bold,
  dim: colors.dim,
};

/** `text` in the colour of `tone` when `options.color` is on; unchanged otherwise (and for ""). */
export function paint(text: string, tone: Tone | undefined, options: TerminalOptions): string {
  if (tone === undefined || options.color !== true || text === "") return text;
  return PALETTE[tone](text);
}
