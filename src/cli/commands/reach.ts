// `mdmsim reach <scenario>`: the reachability matrix at t = 0.
import type { Argv, CommandModule } from "yargs";
import { reachability } from "../../model/reachability.js";
import { renderReachCsv } from "../../report/reachCsv.js";
import { renderReachTable } from "../../report/reachTable.js";
import type { CliIo, RunContext } from "../io.js";
import { SCENARIO_ARGUMENT, list, withScenarioOptions } from "../options.js";
import { commandScenario } from "../scenarioFile.js";

/** The `reach` command. */
export function reachCommand(io: CliIo, context: RunContext, done: (code: number) => void): CommandModule {
  return {
    command: "reach <scenario>",
    describe: "show which device groups can reach which server roles (model rules at t = 0)",
    builder: (y: Argv) => withScenarioOptions(y.positional("scenario", SCENARIO_ARGUMENT)),
    handler: (argv) => {
      const scenario = commandScenario(io, context, argv.scenario as string, list(argv.set));
      const matrix = reachability(scenario);
      const format = argv.format as "table" | "json" | "csv";
      if (format === "json") io.stdout(JSON.stringify(matrix, null, 2) + "\n");
      else if (format === "csv") io.stdout(renderReachCsv(matrix));
      else io.stdout(renderReachTable(matrix));
      done(0);
    },
  };
}
