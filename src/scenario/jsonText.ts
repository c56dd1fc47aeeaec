// JSON scenario text: standard JSON plus `//` and `/* */` comments and trailing commas (as editors allow in
// .json settings files), refusing a key repeated in one object (JSON.parse would keep the last one silently).
import {
  createScanner,
  parse,
  printParseErrorCode,
  stripComments,
  visit,
  type ParseError,
} from "jsonc-parser";
import { ScenarioError } from "../errors.js";

// jsonc-parser is needed only for JSON text. It is a plain import, so the core runs anywhere (the studio's
// browser bundle has no `require`); the CLI bundle loads it on the first call (scripts/bundle.mjs).

/** `line L, column C` of an offset in text (both from 1). */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** Whether text starts like JSON (`{` or `[`), after any white space and comments. */
export function looksLikeJson(text: string): boolean {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      if (end < 0) return false;
      i = end + 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else return text.charAt(i) === "{" || text.charAt(i) === "[";
  }
}

/**
 * Parses JSON text that may carry comments.
 * @throws ScenarioError at the first syntax error or repeated key, with its line and column
 */
export function parseJsonText(text: string): unknown {
  // Comments become spaces, so JSON.parse (the exact JSON grammar) reads the rest.
  let plain = text.includes("/") ? stripComments(text, " ") : text;
  let data: unknown;
  try {
    data = JSON.parse(plain) as unknown;
  } catch {
    plain = withoutTrailingCommas(plain);
    data = undefined;
  }
  try {
    data ??= JSON.parse(plain) as unknown;
  } catch {
    // V8's messages carry no position on every Node version: a second, tolerant parser finds the place.
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: false, allowTrailingComma: true });
    const first = errors[0];
    const where = first ? ` at ${lineAndColumn(text, first.offset)}` : "";
    const what = first ? printParseErrorCode(first.error) : "unexpected end";
    throw new ScenarioError(`not valid JSON${where}: ${what}`);
  }
  // A repeated key is found by a second, slower parse; JSON.parse's result rules it out in most files: every
  // key in the text ends with a quote and a colon, so when there are no more quote-colons than keys the
  // data kept, no key was dropped for repeating.
  if (quoteColons(plain) <= keyCount(data)) return data;
  const keys: Set<string>[] = [];
  let repeated: { key: string; offset: number } | undefined;
  visit(text, {
    onObjectBegin: () => {
      keys.push(new Set());
    },
    onObjectEnd: () => {
      keys.pop();
    },
    onObjectProperty: (key, offset) => {
      const seen = keys[keys.length - 1];
      if (seen === undefined || repeated !== undefined) return;
      if (seen.has(key)) repeated = { key, offset };
      seen.add(key);
    },
  });
  if (repeated !== undefined) {
    throw new ScenarioError(
      `not valid JSON at ${lineAndColumn(text, repeated.offset)}: the key ${JSON.stringify(repeated.key)} appears twice in one object`,
    );
  }
  return data;
}

/**
 * The text with each comma that ends an object or array (`[1, 2,]`) made a space, so JSON.parse reads it and
 * every other offset stays put. Strings and comments are the scanner's: a comma inside one is kept.
 */
function withoutTrailingCommas(text: string): string {
  const scanner = createScanner(text, true);
  const commas: number[] = [];
  let comma = -1;
  let previous = -1;
  for (let kind: number = scanner.scan(); kind !== SYNTAX.eof; kind = scanner.scan()) {
    if ((kind === SYNTAX.closeBrace || kind === SYNTAX.closeBracket) && comma >= 0) commas.push(comma);
    // Only a comma after a value ends a list: `[,]` and `[1,,]` stay errors.
    const afterValue = !(SYNTAX.opening as readonly number[]).includes(previous) && previous >= 0;
    comma = kind === SYNTAX.comma && afterValue ? scanner.getTokenOffset() : -1;
    previous = kind;
  }
  let out = "";
  let from = 0;
  for (const at of commas) {
    out += `${text.slice(from, at)} `;
    from = at + 1;
  }
  return out + text.slice(from);
}

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values, as it declares them.
const SYNTAX = {
  closeBrace: 2,
  closeBracket: 4,
  comma: 5,
  eof: 17,
  /** `{`, `[`, `,` and `:`: tokens after which no value has ended. */
  opening: [1, 3, 5, 6],
} as const;

/** Places in JSON text where a quote is followed by a colon (white space between): at least one per key. */
function quoteColons(text: string): number {
  return text.match(/"[ \t\r\n]*:/g)?.length ?? 0;
}

/** The keys of every object in parsed JSON. */
function keyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + keyCount(item), 0);
  if (typeof value !== "object" || value === null) return 0;
  const keys = Object.keys(value);
  let n = keys.length;
  for (const key of keys) n += keyCount((value as Record<string, unknown>)[key]);
  return n;
}
