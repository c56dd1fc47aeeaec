// `mdmsim scenarios`: the bundled scenarios, one line each (the name every command takes, and the first
// sentence of the file's description), so an installed package shows what `mdmsim run NAME` can run.
import { isRecord } from "../../isRecord.js";
import { renderScenarioList } from "../../report/scenarioList.js";
import { scenarioList } from "../../results/scenarioList.js";
import { LOAD_LIMITS, parseScenarioText } from "../../scenario/load.js";
import { defineCommand } from "../command.js";
import type { CliIo } from "../io.js";
import { choice } from "../optionTable.js";
import { BUNDLED_SCENARIOS, bundledScenarioNames } from "../scenarioFile.js";

function description(io: CliIo, name: string): string {
  const data = parseScenarioText(
    io.readFile(`${BUNDLED_SCENARIOS}${name}.json`, LOAD_LIMITS.maxBytes),
    "json",
  );
  return isRecord(data) && typeof data.description === "string" ? data.description : "";
}

interface ScenariosArgs {
  readonly format: "table" | "json";
}

/** The `scenarios` command. */
export const scenariosCommand = defineCommand<ScenariosArgs>({
  name: "scenarios",
  examples: [
    ["mdmsim scenarios", "the bundled scenarios, one line each"],
    ["mdmsim run clients-50k", "then run one by its name"],
  ],
  describe: "list the bundled scenarios, one line each (every command takes one by its name)",
  options: {
    format: choice({ choices: ["table", "json"], default: "table", describe: "output format" }),
  },
  run: (args, { io }) => {
    const list = scenarioList(
      bundledScenarioNames().map((name) => ({ name, description: description(io, name) })),
    );
    io.stdout(
      args.format === "json"
        ? `${JSON.stringify(list, null, 2)}\n`
        : renderScenarioList(list, io.stdoutLayout?.columns),
    );
    return 0;
  },
});
