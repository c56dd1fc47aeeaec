// The studio's paired comparison: the what-if against the file over several seeds, by `compare`'s own
// pairing (both sides run the same seeds; each difference is one seed's), with its interval and verdict.
import { runCompare } from "../compare/compare.js";
import type { Verdict } from "../compare/verdict.js";
import { intervalText } from "../report/interval.js";
import { percentText } from "../report/format.js";
import type { Scenario } from "../scenario/schema.js";
import type { Edit } from "./fragment.js";
import { studioHeadlines } from "./metrics.js";
import { withEdits, type WhatIfProblem } from "./whatIf.js";

/** Seeds a paired comparison may run: the page offers these. */
export const PAIRED_RUNS: readonly number[] = [5, 10, 20];

/** One headline number of a paired comparison, as the page shows it. */
export interface PairedNumber {
  readonly path: string;
  /** The mean paired difference (what-if − file) with its 95% interval, in the number's unit. */
  readonly differenceText: string;
  /** The what-if's mean against the file's, as a percentage. */
  readonly relativeText: string;
  readonly verdict: Verdict;
}

/** A finished paired comparison. */
export interface PairedResult {
  readonly ok: true;
  readonly runs: number;
  readonly firstSeed: number;
  readonly numbers: readonly PairedNumber[];
}

/**
 * Compares the edited scenario with the file over `runs` seeds from the edited scenario's seed.
 * @returns the paired numbers, or the problem a bad value causes
 */
export function pairedComparison(
  file: Scenario,
  edits: readonly Edit[],
  runs: number,
): PairedResult | WhatIfProblem {
  const headlines = studioHeadlines(file);
  return withEdits(file, edits, (edited): PairedResult => {
    const result = runCompare(
      file,
      edited,
      {
        a: { scenario: file.name, file: "the file", with: {} },
        b: {
          scenario: edited.name,
          file: "the file",
          with: Object.fromEntries(edits.map((e) => [e.path, e.value])),
        },
      },
      { runs, seed: edited.seed, metrics: headlines.map((h) => h.path) },
    );
    return {
      ok: true,
      runs,
      firstSeed: edited.seed,
      numbers: headlines.map((h) => {
        const m = result.metrics[h.path];
        const mean = m?.difference.mean ?? null;
        const text = intervalText(mean, m?.difference.ci95, runs);
        const signed = mean !== null && mean > 0 ? `+${text}` : text;
        return {
          path: h.path,
          differenceText: mean === null || h.unit === "" ? signed : `${signed} ${h.unit}`,
          relativeText: percentText(m?.relative ?? null),
          verdict: m?.verdict ?? "inconclusive",
        };
      }),
    };
  });
}
