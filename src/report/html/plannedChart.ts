// A chart as a report plans it (section, id, title, spec, caption), and how planned charts become figures
// and a finished report: the part of the pipeline both report kinds share.
import type { TopLevelSpec } from "vega-lite";
import { chartFigure, raw } from "./document.js";
import { renderCharts } from "./render.js";

/** A chart to draw: where it goes, its spec and its caption. */
export interface PlannedChart<Section extends string = string> {
  /** The id of the section it belongs to. */
  readonly section: Section;
  /** Unique in the page (the `figure`'s id). */
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
  /** HTML. */
  readonly caption: string;
}

/** A finished report. */
export interface Report {
  readonly html: string;
  /** Charts drawn (one inline SVG each). */
  readonly charts: number;
  /** What vega or vega-lite warned about while drawing (expected empty). */
  readonly warnings: readonly string[];
}

/** The figures of one section, in plan order; `svgs[i]` is the drawing of `charts[i]`. */
export function figuresOf<Section extends string>(
  charts: readonly PlannedChart<Section>[],
  svgs: readonly string[],
  section: Section,
): string {
  return charts
    .flatMap((c, i) =>
      c.section === section ? [chartFigure(c.id, c.title, svgs[i] ?? "", raw(c.caption))] : [],
    )
    .join("\n");
}

/**
 * Draws planned charts and hands their SVGs, in plan order, to `assemble`, which builds the page.
 */
export async function finishReport(
  charts: readonly PlannedChart[],
  assemble: (svgs: readonly string[]) => string,
): Promise<Report> {
  const rendered = await renderCharts(charts.map((c) => c.spec));
  return {
    html: assemble(rendered.map((r) => r.svg)),
    charts: charts.length,
    warnings: rendered.flatMap((r) => r.warnings),
  };
}
