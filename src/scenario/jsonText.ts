// JSON scenario text: standard JSON plus `//` and `/* */` comments (as editors allow in .json settings
// files), refusing a key repeated in one object (JSON.parse would keep the last one silently).
import { parse, printParseErrorCode, stripComments, visit, type ParseError } from "jsonc-parser";
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
  const plain = text.includes("/") ? stripComments(text, " ") : text;
  let data: unknown;
  try {
    data = JSON.parse(plain) as unknown;
  } catch {
    // V8's messages carry no position on every Node version: a second, tolerant parser finds the place.
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: false, allowTrailingComma: false });
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
