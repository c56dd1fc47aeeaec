// The HTML page of a report, built as a string: escaping, tables, figures, sections and the page itself.
// One self-contained file: inline CSS and SVG, no scripts, and a Content-Security-Policy that forbids any
// request, so the file behaves the same offline, in a mail attachment or on a file share.
import { reportCss } from "./styles.js";
import { cellLabel, fitClass, NOWRAP_CELLS, plainText, tableFitCss, tableMinWidth } from "./tableFit.js";
import { largest } from "../../extremes.js";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** HTML that is already safe (built by these helpers), as opposed to text to escape. */
export interface Html {
  readonly html: string;
}

/** Marks a string of trusted HTML. */
export const raw = (html: string): Html => ({ html });

/** Text or trusted HTML, as HTML. */
export function content(value: string | Html): string {
  return typeof value === "string" ? escapeHtml(value) : value.html;
}

/** A table cell: text or HTML, with an optional class (`num` right-aligns numbers). */
export type Cell = string | Html | { readonly value: string | Html; readonly className: string };

function cell(tag: "td" | "th", c: Cell, label = ""): string {
  const attrs = [
    typeof c === "object" && "className" in c ? ` class="${escapeHtml(c.className)}"` : "",
    label === "" ? "" : ` data-label="${escapeHtml(label)}"`,
  ].join("");
  const value = typeof c === "object" && "className" in c ? c.value : c;
  return `<${tag}${attrs}>${content(value)}</${tag}>`;
}

const cellHtml = (c: Cell) => content(typeof c === "object" && "className" in c ? c.value : c);
const isNowrap = (c: Cell) =>
  typeof c === "object" && "className" in c && c.className.split(" ").some((k) => NOWRAP_CELLS.includes(k));
const headText = (c: Cell) => plainText(cellHtml(c).replace(/<br>/g, " "));

/** How a table is laid out where it cannot fit. */
export interface TableOptions {
  /** Label the first column in the list form too (by default it is each card's title, unlabelled). */
  readonly labelFirst?: boolean;
}

/**
 * A table that stays whole: where its box is narrower than its text needs (estimated here), it becomes a
 * list of cards, one per row, each cell under its column's name (see tableFit.ts); it scrolls only if even
 * that cannot fit.
 */
export function htmlTable(
  head: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string {
  const columns = Math.max(head.length, largest(rows.map((r) => r.length)));
  const measured = Array.from({ length: columns }, (_, i) =>
    [
      ...(head[i] === undefined ? [] : [{ c: head[i], head: true }]),
      ...rows.map((r) => ({ c: r[i], head: false })),
    ]
      .filter((x): x is { c: Cell; head: boolean } => x.c !== undefined)
      .map(({ c, head: isHead }) => ({ html: cellHtml(c), head: isHead, nowrap: isNowrap(c) })),
  );
  const fit = fitClass(tableMinWidth(measured));
  const labels =
    fit === ""
      ? []
      : head.map((h, i) => (i === 0 && options.labelFirst !== true ? "" : cellLabel(headText(h))));
  const thead = head.length > 0 ? `<thead><tr>${head.map((h) => cell("th", h)).join("")}</tr></thead>` : "";
  const tbody = rows.map((r) => `<tr>${r.map((c, i) => cell("td", c, labels[i])).join("")}</tr>`).join("\n");
  return `<div class="scroll${fit === "" ? "" : ` ${fit}`}"><table>${thead}<tbody>\n${tbody}\n</tbody></table></div>`;
}

/** A dot path as code that may break after each dot (long paths in table headers stay narrow). */
export function pathHtml(path: string): Html {
  return raw(`<code>${escapeHtml(path).replace(/\./g, ".<wbr>")}</code>`);
}

/** A right-aligned number cell. */
export const numCell = (text: string): Cell => ({ value: text, className: "num" });

/** A small coloured label (`pass`, `fail`, `error`, `warning`, `info`, `ok`, `refused`). */
export function tag(kind: string, text: string): Html {
  return raw(`<span class="tag ${escapeHtml(kind)}">${escapeHtml(text)}</span>`);
}

/** A figure holding one rendered chart and its caption. */
export function chartFigure(id: string, title: string, svg: string, caption: string | Html): string {
  return [
    `<figure class="chart" id="${escapeHtml(id)}">`,
    // A title that is a result path (a `--metric`) may break after its dots, never inside a name.
    `<h3>${escapeHtml(title).replace(/\.(?=[A-Za-z])/g, ".<wbr>")}</h3>`,
    svg,
    `<figcaption>${content(caption)}</figcaption>`,
    `</figure>`,
  ].join("\n");
}

/** A headline number: a large value over a short label. */
export function card(value: string, label: string): string {
  return `<div class="card"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

/** One section of the page (its title is an h2, linked from the navigation). */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

/** What a page needs besides its sections. */
export interface PageHead {
  /** The document title and h1. */
  readonly title: string;
  /** Lines under the h1: the scenario's description, the run's facts (already HTML). */
  readonly intro: readonly string[];
  /** The command that made the report, for the footer: a reader can make it again. */
  readonly command: string;
}

// No request of any kind: no scripts, no fetches, no remote images or fonts; inline styles only.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * A page's start, up to its stylesheet (the caller closes `<head>`): the policy, a viewport, both colour
 * schemes, the title.
 */
export function documentHead(title: string, csp: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="mdmsim">
<title>${escapeHtml(title)}</title>
<style>
${css}
</style>`;
}

/** The footer naming the command that made the page. */
export function pageFooter(command: string): string {
  return `<footer>Made by <code>${escapeHtml(command)}</code>. The same command makes the same file, byte for byte.</footer>`;
}

/** The whole page. */
export function page(head: PageHead, sections: readonly Section[]): string {
  const nav = sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join("\n");
  const body = sections
    .map((s) => `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.body}\n</section>`)
    .join("\n");
  return `${documentHead(head.title, CSP, [reportCss(), tableFitCss(body)].filter((c) => c !== "").join("\n"))}
</head>
<body>
<header>
<h1>${escapeHtml(head.title)}</h1>
${head.intro.join("\n")}
<nav>
${nav}
</nav>
</header>
<main>
${body}
</main>
${pageFooter(head.command)}
</body>
</html>
`;
}
