// The command line of a page, shown in its footer so that a reader can make the same file again.

/** `mdmsim WORDS…` as a reader can type it again (words quoted for a POSIX shell where needed). */
export function typedCommand(words: readonly string[]): string {
  const quote = (a: string) => (/^[\w./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ["mdmsim", ...words.map(quote)].join(" ");
}
