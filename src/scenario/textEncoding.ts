// The one rule for the encoding of text files the program reads as UTF-8 (scenarios, sweep shards): a
// UTF-8 byte order mark is dropped, and a UTF-16 file is named as such rather than reported as garbled text.

/** What a UTF-16 file read as UTF-8 is told. */
const UTF16_PROBLEM = "the file is UTF-16: save it as UTF-8";

/**
 * The text without its byte order mark, or the problem with its encoding.
 * A UTF-16 file read as UTF-8 starts with two replacement characters (its byte order mark) or has a NUL
 * in every other place.
 */
export function decodedText(text: string): { readonly text: string } | { readonly problem: string } {
  if (/^\uFFFD\uFFFD/.test(text) || text.slice(0, 64).includes("\u0000")) return { problem: UTF16_PROBLEM };
  return { text: text.replace(/^\uFEFF/, "") };
}
