// One what-if of the studio: the file's scenario with the page's edits applied through the same override
// code as `--set`, simulated, and drawn with the report's own chart builders. Runs in the page's worker.
import { formatPath, ScenarioError, UsageError } from "../errors.js";
import { figuresOf } from "../report/html/plannedChart.js";
import { renderCharts, type RenderOptions } from "../report/html/render.js";
import { runReportCharts } from "../report/html/runReport.js";
import { writtenForm } from "../scenario/load.js";
import { applyOverrides } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import { runSimulation, simulate } from "../simulate.js";
import { setOptions, type Edit } from "./fragment.js";
import {
  dataValue,
  displayDifference,
  displayValue,
  headlineValues,
  studioHeadlines,
  type Headline,
} from "./metrics.js";

/** What the page shows after a what-if. */
export interface WhatIfResult {
  readonly ok: true;
  readonly seed: number;
  /** The numbers, beside the file's with the same seed, in `studioHeadlines` order. */
  readonly numbers: readonly HeadlineNumber[];
  /** The charts' figures, HTML. */
  readonly figures: string;
  /** The edited scenario as a file `mdmsim run` reads. */
  readonly scenarioJson: string;
  /** vega's warnings while drawing (expected none). */
  readonly warnings: readonly string[];
}

/** One headline number as the page shows it. */
export interface HeadlineNumber {
  readonly path: string;
  /** `data-value`: the exact number as JSON text (`null` when the result has none). */
  readonly value: string;
  readonly text: string;
  readonly fileText: string;
  readonly differenceText: string;
}

/** A what-if that could not run: a bad value (and the edit it belongs to), or a run that is too large. */
export interface WhatIfProblem {
  readonly ok: false;
  /** The path of the edit at fault, when one is. */
  readonly path: string | null;
  readonly message: string;
}

/** The file's scenario with edits applied, as `--set` applies them. */
export function editScenario(file: Scenario, edits: readonly Edit[]): Scenario {
  return applyOverrides(file, setOptions(edits));
}

/** The edited scenario as JSON text, its written form (defaults left out, as the file had them). */
export function scenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(writtenForm(scenario) ?? scenario, null, 2)}\n`;
}

/** A problem with the edits as the page shows it (a bad value at its field); other errors are rethrown. */
export function problem(error: unknown, edits: readonly Edit[]): WhatIfProblem {
  if (error instanceof ScenarioError) {
    const culprit = edits.find((e) => error.source === `--set ${e.path}=${e.value}`);
    const where = error.path.length > 0 ? `${formatPath(error.path)}: ` : "";
    const message = culprit ? `${where}${error.detail}` : error.message;
    return { ok: false, path: culprit?.path ?? null, message };
  }
  if (error instanceof UsageError) return { ok: false, path: null, message: error.message };
  throw error;
}

function headlineNumbers(
  headlines: readonly Headline[],
  values: readonly (number | null)[],
  fileValues: readonly (number | null)[],
): HeadlineNumber[] {
  return headlines.map((h, i) => {
    const value = values[i] ?? null;
    const file = fileValues[i] ?? null;
    return {
      path: h.path,
      value: dataValue(value),
      text: displayValue(value, h.unit),
      fileText: displayValue(file, h.unit),
      differenceText: displayDifference(value, file, h.unit),
    };
  });
}

/** Memo of the file's headline numbers per seed: a what-if changes the file's side only with the seed. */
export type FileValues = Map<number, readonly (number | null)[]>;

/**
 * Simulates the file's scenario with `edits` and draws its charts.
 * @returns the numbers, figures and edited file; or the problem a bad value or a too-large run causes
 */
export async function runWhatIf(
  file: Scenario,
  edits: readonly Edit[],
  options: RenderOptions & { readonly fileValues?: FileValues } = {},
): Promise<WhatIfResult | WhatIfProblem> {
  let edited: Scenario;
  let run: ReturnType<typeof runSimulation>;
  let fileValues: readonly (number | null)[] | undefined;
  // The numbers the page has places for: the file's (an edit never adds a deployment's row).
  const headlines = studioHeadlines(file);
  try {
    edited = editScenario(file, edits);
    run = runSimulation(edited);
    fileValues = options.fileValues?.get(edited.seed);
    if (fileValues === undefined) {
      fileValues = headlineValues(simulate(file, { seed: edited.seed }), headlines);
      options.fileValues?.set(edited.seed, fileValues);
    }
  } catch (error) {
    return problem(error, edits);
  }
  const charts = runReportCharts(run.result, run.series);
  const rendered = await renderCharts(
    charts.map((c) => c.spec),
    options,
  );
  const svgs = rendered.map((r) => r.svg);
  const sections = [...new Set(charts.map((c) => c.section))];
  return {
    ok: true,
    seed: edited.seed,
    numbers: headlineNumbers(headlines, headlineValues(run.result, headlines), fileValues),
    figures: sections.map((s) => figuresOf(charts, svgs, s)).join("\n"),
    scenarioJson: scenarioJson(edited),
    warnings: rendered.flatMap((r) => r.warnings),
  };
}
