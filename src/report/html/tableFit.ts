// How a table stays whole on any page width, with no script: its narrowest width is estimated from its text
// when it is built, and where its box is narrower than that (a 700 px window, paper) a container query turns
// it into a list: one card per row, each cell under its column's name. A table that fits stays a table.
import { largest } from "../../extremes.js";

/** Tables at most this wide (px) fit every page the reports promise (700 px windows, A4 paper): no list form. */
const ALWAYS_FITS = 560;

/** Cell classes whose text never wraps: numbers, and reach's `ok` or reason (a reason string stays whole). */
export const NOWRAP_CELLS: readonly string[] = ["num", "reach-ok", "reach-refused"];

/** Widths are rounded up to this step (px), so a page needs few container queries. */
const STEP = 40;

// Measured on the report's fonts (15 px body, tables at 0.9em): an average character of text and of
// monospace code, a header's bold one, and a cell's padding and border.
const CHAR = 7.6;
const HEAD_CHAR = 8.2;
const CELL_PADDING = 18;

/** A cell as its width is estimated: its HTML, whether it is a header, whether it never wraps. */
export interface MeasuredCell {
  readonly html: string;
  readonly head: boolean;
  readonly nowrap: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/** A cell's HTML as the text it shows: tags dropped, the entities escapeHtml writes decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_all, name: string) => ENTITIES[name] ?? "");
}

/** The longest piece of a cell that cannot wrap, in characters: text splits at spaces, `<br>` and `<wbr>`. */
function longestRun(html: string, nowrap: boolean): number {
  const text = plainText(html.replace(/<(br|wbr)\s*\/?>|<\/(div|p)>/gi, "\n"));
  const runs = text.split(nowrap ? /\n/ : /[\s\n]+/);
  return Math.max(0, largest(runs.map((r) => r.trim().length)));
}

/** The estimated narrowest width of a table (px): per column its widest unbreakable piece, plus padding. */
export function tableMinWidth(columns: readonly (readonly MeasuredCell[])[]): number {
  return columns.reduce(
    (sum, cells) =>
      sum +
      CELL_PADDING +
      Math.max(0, largest(cells.map((c) => longestRun(c.html, c.nowrap) * (c.head ? HEAD_CHAR : CHAR)))),
    0,
  );
}

/** The class naming a table's width bucket, or "" for a table that always fits. */
export function fitClass(minWidth: number): string {
  return minWidth <= ALWAYS_FITS ? "" : `fit-${Math.ceil(minWidth / STEP) * STEP}`;
}

/** A column's name as a list item's label: breakable after dots, so long server names wrap whole. */
export function cellLabel(text: string): string {
  return text.replace(/\./g, ".\u200b");
}

/**
 * The container queries of the width buckets a page's HTML uses: under its width, a table becomes a list of
 * cards, one per row, each cell labelled with its column's name (`data-label`). Empty when none is used.
 */
export function tableFitCss(html: string): string {
  const buckets = [...new Set([...html.matchAll(/\bfit-(\d+)\b/g)].map((m) => Number(m[1])))].sort(
    (a, b) => a - b,
  );
  return buckets
    .map((w) => {
      const s = `.fit-${w}`;
      return `@container table-box (max-width:${w}px){${s} table{display:block;border:0}${s} thead{display:none}${s} tbody{display:block}${s} tr{display:flex;flex-wrap:wrap;gap:2px 18px;border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:0 0 8px;break-inside:avoid;page-break-inside:avoid}${s} td{display:block;flex:1 1 13em;border:0;padding:2px 0;text-align:left;background:none}${s} td:first-child{flex-basis:100%;font-weight:600}${s} td[data-label]::before{content:attr(data-label);display:block;color:var(--muted);font-size:.85em;font-weight:normal;white-space:normal}}`;
    })
    .join("\n");
}
