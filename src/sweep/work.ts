// What a sweep costs as a whole, priced before it runs: the memory of its kept outcomes (when planned) and
// the events of the jobs a command runs (its shard's, or all), each run's fixed cost first, so a grid too
// large for its runs alone is refused before its variants are surveyed.
import { ScenarioError } from "../errors.js";
import { checkEvents, checkMemory, RUN_FIXED_EVENTS } from "../model/estimate.js";
import { valueText, variantLabel } from "./grid.js";

/** What `checkSweepWork` reads of a plan (`SweepPlan`). */
export interface PlannedWork {
  readonly variantCount: number;
  readonly runs: number;
  readonly maxEvents: number;
  /** Each variant's estimated events per run (read only when the runs' fixed cost alone fits). */
  readonly variantEvents: readonly number[];
  readonly variants: readonly { readonly set: Readonly<Record<string, unknown>> }[];
}

/** Most variants surveyed before a sweep's refusal for time by its runs' fixed cost alone. */
const SURVEYED_AT_ONCE = 1000;

// Memory a kept job outcome takes besides its numbers, and each number (metric or expectation), bytes.
const OUTCOME_BYTES = 160;
const OUTCOME_VALUE_BYTES = 16;

/**
 * Refuses a sweep whose kept outcomes would not fit in memory, before any run (variants' scenarios are made
 * when they run, not kept).
 * @throws ScenarioError (source `--runs`) naming the sizes
 */
export function checkSweepMemory(variants: number, runs: number, values: number): void {
  const part = {
    value: variants * runs * (OUTCOME_BYTES + values * OUTCOME_VALUE_BYTES),
    what: `the outcomes of ${variants} variants × ${runs} runs (fewer values to vary or fewer --runs)`,
    path: [],
  };
  try {
    checkMemory(part.value, part, "the sweep");
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.message, [], "--runs");
    throw error;
  }
}

/**
 * Refuses running `jobs` of a plan when their estimated events together exceed the plan's time limit (each
 * variant alone was checked when planned; `--list` runs nothing and is never refused for time).
 * @throws ScenarioError (source `--runs`) with the estimate and the largest variant
 */
export function checkSweepWork(plan: PlannedWork, jobs: readonly { readonly variant: number }[]): void {
  // A large grid is checked by each run's fixed cost alone first, before any variant is surveyed: 100,000
  // variants × 10 runs are refused at once, not after 100,000 estimates. A small one is surveyed at once
  // (the message then names its largest variant).
  const floor = jobs.length * RUN_FIXED_EVENTS;
  if (plan.variantCount > SURVEYED_AT_ONCE && floor > plan.maxEvents)
    refuseWork(plan, floor, { value: floor, what: "the set-up of each run", path: [] }, "at least");
  const perVariant = new Float64Array(plan.variantCount);
  for (const job of jobs)
    perVariant[job.variant] = (perVariant[job.variant] ?? 0) + (plan.variantEvents[job.variant] ?? 0);
  let events = 0;
  let top = 0;
  perVariant.forEach((e, v) => {
    events += e;
    if (e > (perVariant[top] ?? 0)) top = v;
  });
  const variant = plan.variants[top];
  // compare's side A (and a sweep's unvaried variant) has no changes to name: say which variant it is.
  const label =
    variant === undefined || Object.keys(variant.set).length === 0
      ? `variant ${top + 1}, the scenario as given`
      : variantLabel({
          overrides: Object.entries(variant.set).map(([path, value]) => ({
            text: `${path}=${valueText(value)}`,
          })),
        });
  refuseWork(plan, events, { value: perVariant[top] ?? 0, what: `in ${label}`, path: [] }, "about");
}

// The sweep's refusal for time, when its events exceed the limit: `about` an estimate, or `at least` a floor.
function refuseWork(
  plan: PlannedWork,
  events: number,
  largest: { value: number; what: string; path: [] },
  size: "about" | "at least",
): void {
  try {
    checkEvents(events, largest, { maxEvents: plan.maxEvents }, { subject: "the sweep", size });
  } catch (error) {
    if (error instanceof ScenarioError)
      throw new ScenarioError(
        `${plan.variantCount} variants × ${plan.runs} runs: ${error.message} (fewer values to vary or fewer --runs)`,
        [],
        "--runs",
      );
    throw error;
  }
}
