// One what-if of the studio: the file's scenario with the page's edits applied through the same override
// code as `--set`, simulated, and drawn with the report's own chart builders. Runs in the page's worker.
import { ScenarioError, UsageError } from "../errors.js";
import { isDmp } from "../model/rules.js";
import { readersByDatabase } from "../report/readReplicas.js";
import { labelOf } from "../scenario/path.js";
import { chartSectionTitle } from "../report/html/chartSections.js";
import { escapeHtml } from "../report/html/document.js";
import { figuresOf } from "../report/html/plannedChart.js";
import { renderCharts, type RenderOptions } from "../report/html/render.js";
import { runReportCharts } from "../report/html/runReport.js";
import { writtenForm } from "../scenario/load.js";
import { applyOverrides } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import { runSimulation, simulate } from "../simulate.js";
import { setOptions, type Edit } from "./fragment.js";
import { applyStructure, editSource, setEdits } from "./structure.js";
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
  /** Per replica of the what-if, what the page says of it: which management points read it, if any. */
  readonly replicaNotes: Readonly<Record<string, string>>;
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
  /** The first problem, as the field at fault shows it. */
  readonly message: string;
  /** Every problem as a sentence of its own, fields named as the controls name them, for the banner. */
  readonly sentences: readonly string[];
}

/**
 * The file's scenario with edits applied: the structural ones (structure.ts) first, then the others as
 * `--set` applies them.
 */
export function editScenario(file: Scenario, edits: readonly Edit[]): Scenario {
  return applyOverrides(applyStructure(file, edits), setOptions(setEdits(file, edits)));
}

/**
 * `use` given the edited scenario (`editScenario`), or the problem a bad value or a too-large run causes, its
 * indexes read in the file or, once the structural edits apply, in the file with them.
 */
export function withEdits<T>(
  file: Scenario,
  edits: readonly Edit[],
  use: (edited: Scenario) => T,
): T | WhatIfProblem {
  let root = file;
  try {
    root = applyStructure(file, edits);
    return use(applyOverrides(root, setOptions(setEdits(file, edits))));
  } catch (error) {
    return problem(error, edits, root);
  }
}

/**
 * What the page says under a replica's title: the management points that read it in the what-if, or that
 * none does (then its sync and delays reach no device, and nothing on the page speaks of it as read).
 */
export function replicaNotes(scenario: Scenario): Record<string, string> {
  const byDatabase = readersByDatabase(
    scenario.site.servers.flatMap((s) =>
      s.roles.managementPoint ? [{ server: s, database: s.roles.managementPoint.database }] : [],
    ),
  );
  return Object.fromEntries(
    scenario.site.replicas.map((replica) => {
      const readers = byDatabase.get(replica.name) ?? [];
      const kinds = readers.map(({ server }) => `${isDmp(server) ? "the DMP" : "the MP"} ${server.name}`);
      return [
        replica.name,
        readers.length === 0
          ? `No management point reads ${replica.name} in this what-if: its syncs reach no device.`
          : `Read by ${kinds.join(", ")}.`,
      ];
    }),
  );
}

/**
 * A problem's place as the controls name it: `--set`'s path, array elements by name where they have one
 * (`devices[0].count` → `devices.hq-windows.count`), else by index (`outages.0.to`).
 * @param root - the scenario the indexes point into (its arrays in the same order as the data that failed)
 */
export function namedPath(root: unknown, path: readonly (string | number)[]): string {
  let node: unknown = root;
  const names = path.map((segment) => {
    const container = node;
    node = isRecordOrArray(container) ? (container as Record<string | number, unknown>)[segment] : undefined;
    if (typeof segment !== "number") return segment;
    return (Array.isArray(container) ? labelOf(container[segment]) : undefined) ?? String(segment);
  });
  return names.join(".");
}

const isRecordOrArray = (value: unknown) => typeof value === "object" && value !== null;

/** A problem's text as a sentence: a full stop where it has no closing punctuation. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The edited scenario as JSON text, its written form (defaults left out, as the file had them). */
export function scenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(writtenForm(scenario) ?? scenario, null, 2)}\n`;
}

/**
 * A problem with the edits as the page shows it (a bad value at its field); other errors are rethrown.
 * @param root - the scenario the problem's indexes point into (the file, with the structural edits)
 */
export function problem(error: unknown, edits: readonly Edit[], root?: unknown): WhatIfProblem {
  if (error instanceof ScenarioError) {
    const culprit = edits.find((e) => error.source === editSource(e));
    const texts = error.problems.map(
      (p) => `${p.path.length > 0 ? `${namedPath(root, p.path)}: ` : ""}${p.detail}`,
    );
    // Without its source: the fields name the edits, and "after --set" means nothing in a page.
    const message = texts[0] ?? "";
    return {
      ok: false,
      path: culprit?.path ?? null,
      message,
      sentences: [message, ...texts.slice(1)].map(sentence),
    };
  }
  if (error instanceof UsageError)
    return { ok: false, path: null, message: error.message, sentences: [sentence(error.message)] };
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
  // The numbers the page has places for: the file's (an edit never adds a deployment's row).
  const headlines = studioHeadlines(file);
  const ran = withEdits(file, edits, (edited) => {
    const run = runSimulation(edited);
    let fileValues = options.fileValues?.get(edited.seed);
    if (fileValues === undefined) {
      fileValues = headlineValues(simulate(file, { seed: edited.seed }), headlines);
      options.fileValues?.set(edited.seed, fileValues);
    }
    return { edited, run, fileValues };
  });
  if ("ok" in ran) return ran;
  const { edited, run, fileValues } = ran;
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
    // Headed as the report heads them: a figure's own title (a server's name) reads under its section's.
    figures: sections
      .map((s) => `<h3>${escapeHtml(chartSectionTitle(s, run.result))}</h3>\n${figuresOf(charts, svgs, s)}`)
      .join("\n"),
    scenarioJson: scenarioJson(edited),
    warnings: rendered.flatMap((r) => r.warnings),
    replicaNotes: replicaNotes(edited),
  };
}
