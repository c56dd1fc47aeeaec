// `sweep --list`: the variants and runs a sweep would do, without making each variant's scenario. A grid of
// 100,000 variants took 24 s and 1.4 GB when every variant was validated and kept; each value of an axis is
// validated on its own instead (a bad value is refused as the sweep refuses it), so listing costs the
// values given, not their product. A rule across fields that only a combination breaks is the sweep's to
// refuse when it runs.
import { applyOverrides } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";
import type { SweepHeader } from "./document.js";
import { buildGrid, parseVary } from "./grid.js";
import { studyGrid } from "./study.js";
import {
  checkBaseline,
  checkRuns,
  DEFAULT_RUNS,
  planSweep,
  planRuns,
  sweepHeader,
  variantSource,
  type SweepOptions,
} from "./sweep.js";

/** Paths whose value changes a variant's expectations: listed from each variant's own scenario. */
const OWN_EXPECTATIONS = /^expectations(\.|$)/;

/**
 * The header of a sweep's plan, for `--list`: what `sweepHeader(planSweep(…))` gives, each value of the grid
 * validated (and its run limits checked) once, whatever the number of combinations it is in.
 * @throws as `planSweep` does, for each value alone
 */
export function planSweepList(scenario: Scenario, options: SweepOptions): SweepHeader {
  const runs = checkRuns(options.runs ?? DEFAULT_RUNS);
  const axes = options.vary.map((v) => (typeof v === "string" ? parseVary(v) : v));
  const { study } = options;
  const grid = study !== undefined ? studyGrid(study.study, study.source, axes) : buildGrid(axes);
  if (grid.some((v) => v.overrides.some((o) => OWN_EXPECTATIONS.test(o.path)))) {
    const header = sweepHeader(planSweep(scenario, options));
    // The list shows what will run; the metrics' ranges are the intervals' business.
    return {
      ...header,
      variants: header.variants.map((v) => ({ set: v.set, expectations: v.expectations })),
    };
  }
  const values = new Map<string, Scenario>();
  for (const variant of grid)
    for (const override of variant.overrides)
      if (!values.has(override.text))
        values.set(override.text, applyOverrides(scenario, [override], variantSource(study, variant)));
  // Seeds, expectations, the metrics every variant has, and each value's run limits: as a sweep plans them.
  const header = planRuns(
    scenario.name,
    [scenario, ...values.values()].map((s) => ({ scenario: s, set: {} })),
    { ...options, runs, seed: options.seed ?? scenario.seed, baseline: undefined },
  );
  const { baseline } = options;
  checkBaseline(baseline, grid.length);
  const expectations = header.variants[0]?.expectations ?? [];
  return {
    ...sweepHeader(header),
    variants: grid.map((v) => ({ set: v.set, expectations })),
    ...(baseline !== undefined ? { baseline } : {}),
  };
}

/** The document of `sweep --list --format json`: what will run; the metrics' ranges are the intervals' business. */
export interface SweepPlanDocument extends Omit<SweepHeader, "variants"> {
  readonly format: DocumentFormat<"sweepPlan">;
  readonly variants: readonly Pick<SweepHeader["variants"][number], "set" | "expectations">[];
}

/** `planSweepList`'s header as the document `--list --format json` prints, its format first. */
export function sweepPlanDocument(header: SweepHeader): SweepPlanDocument {
  return {
    format: DOCUMENT_FORMATS.sweepPlan,
    ...header,
    variants: header.variants.map((v) => ({ set: v.set, expectations: v.expectations })),
  };
}
