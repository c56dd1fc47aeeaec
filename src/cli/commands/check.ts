// `mdmsim check <scenario>`: the static findings; exit 1 on any error.
import { checkScenario } from "../../checks/checkScenario.js";
import { checkDocument } from "../../checks/checkDocument.js";
import { renderCsv } from "../../report/csv.js";
import { renderCheckTable } from "../../report/checkTable.js";
import { defineCommand } from "../command.js";
import { SCENARIO, scenarioOptions, type ScenarioArgs } from "../options.js";
import { attributed, commandScenario } from "../scenarioFile.js";

interface CheckArgs extends ScenarioArgs {
  readonly scenario: string;
}

/** The `check` command. */
export const checkCommand = defineCommand<CheckArgs>({
  name: "check",
  examples: [
    ["mdmsim check untrusted-root", "check a bundled scenario: errors, then warnings, then info"],
    ["mdmsim check site.json --format json", "the findings as one JSON document"],
  ],
  describe: "check a scenario against the documented rules, without simulating",
  options: {
    scenario: SCENARIO,
    ...scenarioOptions(
      "table: only errors and warnings (the title still counts everything), nothing when there are none; json and csv are always complete",
    ),
  },
  run: (args, { io, context }) => {
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const findings = attributed(args.scenario, () => checkScenario(scenario));
    if (args.format === "json")
      io.stdout(JSON.stringify(checkDocument(scenario.name, findings), null, 2) + "\n");
    else if (args.format === "csv")
      io.stdout(renderCsv({ findings: findings.map((f, i) => ({ ...f, name: String(i + 1) })) }));
    else io.stdout(renderCheckTable(scenario.name, findings, { ...io.stdoutLayout, quiet: args.quiet }));
    return findings.some((f) => f.severity === "error") ? 1 : 0;
  },
});
