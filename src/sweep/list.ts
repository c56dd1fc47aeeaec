// `sweep --list`: the variants and runs a sweep would do, without making each variant's scenario. A grid of
// 100,000 variants took 24 s and 1.4 GB when every variant was validated and kept; each value of an axis is
// validated on its own instead (a bad value is refused as the sweep refuses it), so listing costs the
// values given, not their product. A rule across fields that only a combination breaks is the sweep's to
// refuse when it runs.
import type { Override } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";
import { parseExpectation } from "../results/expectations.js";
import type { SweepHeader } from "./document.js";
import {
  checkBaseline,
  planBase,
  planGridSweep,
  sweepGrid,
  sweepHeader,
  type SweepOptions,
} from "./sweep.js";
import { commonMetricPaths, scenarioMetricPaths, sweepMetrics } from "./survey.js";
import { gridScenarios } from "./variants.js";

/** Paths whose value changes a variant's expectations: listed from each variant's own scenario. */
const OWN_EXPECTATIONS = /^expectations(\.|$)/;

/**
 * The header of a sweep's plan, for `--list`: what `sweepHeader(planSweep(…))` gives, each value of the grid
 * validated (and its run limits checked) once, whatever the number of combinations it is in, and the varied
 * paths' spellings checked as the sweep checks them. The metrics are those every value has.
 * @param applied - the `--set` overrides already applied to `scenario` (`planSweep`'s)
 * @throws as `planSweep` does, for each value alone
 */
export function planSweepList(
  scenario: Scenario,
  options: SweepOptions,
  applied: readonly Override[] = [],
): SweepHeader {
  const base = planBase(scenario.name, { ...options, seed: options.seed ?? scenario.seed });
  const made = sweepGrid(scenario, options, applied);
  const { grid, source } = made;
  if (grid.at(0).overrides.some((o) => OWN_EXPECTATIONS.test(o.path))) {
    const header = sweepHeader(planGridSweep(scenario, options, made));
    // The list shows what will run; the metrics' ranges are the intervals' business.
    return {
      ...header,
      variants: header.variants.map((v) => ({ set: v.set, expectations: v.expectations })),
    };
  }
  checkBaseline(base.baseline, grid.size);
  // Each value's scenario is read for its metric paths and dropped: nothing per value is kept.
  let common: readonly string[] | undefined;
  gridScenarios(scenario, grid, source, base, (alone) => {
    common = commonMetricPaths(common, scenarioMetricPaths(alone));
  });
  // No value changes the expectations: every variant has the scenario's.
  const expectations = [...scenario.expectations, ...base.extraExpectations].map(
    (e) => parseExpectation(e).expression,
  );
  return {
    scenario: base.scenario,
    runs: base.runs,
    seeds: base.seeds,
    metrics: sweepMetrics(common ?? [], options.metrics),
    variants: Array.from({ length: grid.size }, (_, k) => ({ set: grid.at(k).set, expectations })),
    ...(base.baseline !== undefined ? { baseline: base.baseline } : {}),
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
