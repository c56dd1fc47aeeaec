// vega-lite specs → SVG text, in Node, with no network and no DOM. vega and vega-lite are loaded by dynamic
// import() here and only here: they are large, and `mdmsim run` must not pay for them (in the bundle they
// become chunks of their own that load only when a report is made).
import type { TopLevelSpec } from "vega-lite";

/** A rendered chart: its SVG and anything vega or vega-lite warned about while making it. */
export interface RenderedChart {
  readonly svg: string;
  readonly warnings: readonly string[];
}

/**
 * Makes one SVG's ids unique in a page and independent of how many charts the process drew before (vega
 * numbers clip paths and gradients with a process-wide counter): every `id` becomes `<prefix>-<n>`, in
 * order of appearance, and every reference to it follows.
 */
export function normalizeSvg(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1];
    if (id !== undefined && !ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(
    `(\\sid="|url\\(#|href="#)(${[...ids.keys()].map(escape).join("|")})(?=[")])`,
    "g",
  );
  return svg.replace(pattern, (_all, lead: string, id: string) => `${lead}${ids.get(id) ?? id}`);
}

/** How to evaluate vega's expressions. */
export interface RenderOptions {
  /**
   * vega-interpreter's `expressionInterpreter`, where a Content-Security-Policy forbids compiling code (the
   * studio page); by default vega compiles expressions into functions. Both draw the same SVG.
   */
  readonly interpreter?: unknown;
}

/**
 * Compiles each spec with vega-lite and renders it with vega's headless view (`renderer: "none"`), in order.
 * Deterministic: the same specs give the same SVG text (ids normalized by `normalizeSvg` with prefix
 * `chart<i>`, i from 1).
 */
export async function renderCharts(
  specs: readonly TopLevelSpec[],
  options: RenderOptions = {},
): Promise<RenderedChart[]> {
  if (specs.length === 0) return [];
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const out: RenderedChart[] = [];
  for (const [i, spec] of specs.entries()) {
    const warnings: string[] = [];
    // Warnings are collected, never printed: the functional core has no console.
    const logger = vega.logger(vega.Warn, "warn", (_method, _level, args) => {
      warnings.push(args.map(String).join(" "));
    });
    const compiled = vegaLite.compile(spec, { logger }).spec;
    const interpreted = options.interpreter !== undefined;
    const view = new vega.View(vega.parse(compiled, undefined, { ast: interpreted }), {
      renderer: "none",
      logger,
      ...(interpreted ? { expr: options.interpreter } : {}),
    });
    try {
      const svg = await view.toSVG();
      out.push({ svg: normalizeSvg(svg, `chart${i + 1}`), warnings });
    } finally {
      view.finalize();
    }
  }
  return out;
}
