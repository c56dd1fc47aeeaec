// `mdmsim check <scenario>`: the static findings; exit 1 on any error.
import { checkScenario } from "../../checks/checkScenario.js";
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
  describe: "check a scenario against the documented rules, without simulating",
  options: { scenario: SCENARIO, ...scenarioOptions("print only the errors") },
  run: (args, { io, context }) => {
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const findings = attributed(args.scenario, () => checkScenario(scenario));
    const shown = args.quiet ? findings.filter((f) => f.severity === "error") : findings;
    if (args.format === "json")
      io.stdout(JSON.stringify({ scenario: scenario.name, findings: shown }, null, 2) + "\n");
    else if (args.format === "csv")
      io.stdout(renderCsv({ findings: shown.map((f, i) => ({ ...f, name: String(i + 1) })) }));
    else io.stdout(renderCheckTable(scenario.name, shown, io.stdoutLayout));
    return findings.some((f) => f.severity === "error") ? 1 : 0;
  },
});
