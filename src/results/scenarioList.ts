// The document of `mdmsim scenarios`: each bundled scenario by the name every command takes, with the first
// sentence of its description, built from what the files say (the CLI reads them).
import { DOCUMENT_FORMATS, type DocumentFormat } from "./documentFormat.js";

/** One bundled scenario as the list shows it. */
export interface BundledScenario {
  /** The name commands take (`mdmsim run NAME`): the file's name without `.json`. */
  readonly name: string;
  /** The file inside the package. */
  readonly file: string;
  /** The first sentence of its description. */
  readonly summary: string;
  readonly description: string;
}

/** The document of `mdmsim scenarios --format json`. */
export interface ScenarioList {
  /** `mdmsim-scenarios/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"scenarios">;
  readonly scenarios: readonly BundledScenario[];
}

/** The first sentence: up to the first full stop followed by a space (`7.5` and `1,000` stay whole). */
export function firstSentence(text: string): string {
  const end = /[.!?](?=\s|$)/.exec(text);
  return (end === null ? text : text.slice(0, end.index + 1)).replace(/\s+/g, " ").trim();
}

/** The list of the bundled scenarios, from each one's name and description. */
export function scenarioList(bundled: readonly { name: string; description: string }[]): ScenarioList {
  return {
    format: DOCUMENT_FORMATS.scenarios,
    scenarios: bundled.map(({ name, description }) => ({
      name,
      file: `scenarios/${name}.json`,
      summary: firstSentence(description),
      description,
    })),
  };
}
