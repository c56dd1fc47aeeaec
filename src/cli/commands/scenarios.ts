// `mdmsim scenarios`: the bundled scenarios, one line each (the name every command takes, and the first
// sentence of the file's description), so an installed package shows what `mdmsim run NAME` can run.
import { DOCUMENT_FORMATS, type DocumentFormat } from "../../results/documentFormat.js";
import { displayWidth, splitByWidth, visible } from "../../report/terminal.js";
import { LOAD_LIMITS, parseScenarioText } from "../../scenario/load.js";
import { isRecord } from "../../isRecord.js";
import { defineCommand } from "../command.js";
import type { CliIo } from "../io.js";
import { choice } from "../optionTable.js";
import { BUNDLED_SCENARIOS, bundledScenarioNames } from "../scenarioFile.js";

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

function bundled(io: CliIo, name: string): BundledScenario {
  const data = parseScenarioText(
    io.readFile(`${BUNDLED_SCENARIOS}${name}.json`, LOAD_LIMITS.maxBytes),
    "json",
  );
  const description = isRecord(data) && typeof data.description === "string" ? data.description : "";
  return { name, file: `scenarios/${name}.json`, summary: firstSentence(description), description };
}

/** A line cut to `columns` at a space, with an ellipsis: a terminal never wraps it, no word is broken. */
function fitted(line: string, columns: number | undefined, keep: number): string {
  if (columns === undefined || displayWidth(line) <= columns) return line;
  const piece = splitByWidth(line, Math.max(1, columns - 1))[0] ?? "";
  const space = piece.lastIndexOf(" ");
  return `${(space > keep ? piece.slice(0, space) : piece).replace(/[\s,;:]+$/, "")}…`;
}

interface ScenariosArgs {
  readonly format: "table" | "json";
}

/** The `scenarios` command. */
export const scenariosCommand = defineCommand<ScenariosArgs>({
  name: "scenarios",
  describe: "list the bundled scenarios, one line each (every command takes one by its name)",
  options: {
    format: choice({ choices: ["table", "json"], default: "table", describe: "output format" }),
  },
  run: (args, { io }) => {
    const scenarios = bundledScenarioNames().map((name) => bundled(io, name));
    if (args.format === "json") {
      const list: ScenarioList = { format: DOCUMENT_FORMATS.scenarios, scenarios };
      io.stdout(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(0, ...scenarios.map((s) => s.name.length));
    const columns = io.stdoutLayout?.columns;
    for (const s of scenarios)
      io.stdout(`${fitted(visible(`${s.name.padEnd(width)}  ${s.summary}`), columns, width + 2)}\n`);
    return 0;
  },
});
