// The document of `mdmsim check --format json`: the scenario's name and its findings, built in one place.
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";
import type { Finding } from "./finding.js";

/** The document of `mdmsim check --format json`. */
export interface CheckDocument {
  /** `mdmsim-check/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"check">;
  readonly scenario: string;
  readonly findings: readonly Finding[];
}

/** The check document of a scenario's findings (`checkScenario`). */
export function checkDocument(scenario: string, findings: readonly Finding[]): CheckDocument {
  return { format: DOCUMENT_FORMATS.check, scenario, findings };
}
