// `mdmsim check <scenario>`: the static findings; exit 1 on any error.
import type { Argv, CommandModule } from "yargs";
import { checkScenario } from "../../checks/checkScenario.js";
import { renderCsv } from "../../report/csv.js";
import { renderCheckTable } from "../../report/checkTable.js";
import type { CliIo, RunContext } from "../io.js";
import { SCENARIO_ARGUMENT, list, withScenarioOptions } from "../options.js";
import { commandScenario } from "../scenarioFile.js";

/** The `check` command. */
export function checkCommand(io: CliIo, context: RunContext, done: (code: number) => void): CommandModule {
  return {
    command: "check <scenario>",
    describe: "check a scenario against the documented rules (checks.md), without simulating",
    builder: (y: Argv) => withScenarioOptions(y.positional("scenario", SCENARIO_ARGUMENT)),
    handler: (argv) => {
      const scenario = commandScenario(io, context, argv.scenario as string, list(argv.set));
      const findings = checkScenario(scenario);
      const shown = argv.quiet === true ? findings.filter((f) => f.severity === "error") : findings;
      const format = argv.format as "table" | "json" | "csv";
      if (format === "json")
        io.stdout(JSON.stringify({ scenario: scenario.name, findings: shown }, null, 2) + "\n");
      else if (format === "csv")
        io.stdout(renderCsv({ findings: shown.map((f, i) => ({ ...f, name: String(i + 1) })) }));
      else io.stdout(renderCheckTable(scenario.name, shown));
      done(findings.some((f) => f.severity === "error") ? 1 : 0);
    },
  };
}
