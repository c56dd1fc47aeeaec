// Links in markdown and in the program's text, and the anchors a markdown file's headings make (GitHub's
// rule), for the tests that follow every link the package shows.

/** The text without fenced code blocks: a link inside one is an example, not a link. */
export function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, "");
}

/** The anchors of a markdown file: GitHub's heading slugs (lower case, punctuation dropped, spaces as hyphens, repeats numbered) and explicit `<a id>`s. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const m of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (m[1] ?? "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(m[1] ?? "");
  return found;
}

/** The targets of a markdown file's links that are paths (no `https:`, `mailto:`), anchors included. */
export function linksOf(markdown: string): string[] {
  return [...withoutFences(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1] ?? "")
    .filter((t) => !/^[a-z][a-z+.-]*:/i.test(t));
}

/** The `docs/….md#anchor` mentions of the program's text (`--help`, `explain`). */
export function docsMentions(text: string): string[] {
  return [...text.matchAll(/\bdocs\/[\w./-]+\.md(?:#[\w-]+)?/g)].map((m) => m[0]);
}
