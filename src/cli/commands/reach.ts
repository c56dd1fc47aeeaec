// `mdmsim reach <scenario>`: the reachability matrix at t = 0.
import { reachability } from "../../model/reachability.js";
import { renderReachCsv } from "../../report/reachCsv.js";
import { renderReachTable } from "../../report/reachTable.js";
import { defineCommand } from "../command.js";
import { SCENARIO, scenarioOptions, type ScenarioArgs } from "../options.js";
import { attributed, commandScenario } from "../scenarioFile.js";

interface ReachArgs extends ScenarioArgs {
  readonly scenario: string;
}

/** The `reach` command. */
export const reachCommand = defineCommand<ReachArgs>({
  name: "reach",
  describe: "show which device groups can reach which server roles (model rules at t = 0)",
  options: { scenario: SCENARIO, ...scenarioOptions("print less") },
  run: (args, { io, context }) => {
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const matrix = attributed(args.scenario, () => reachability(scenario));
    if (args.format === "json") io.stdout(JSON.stringify(matrix, null, 2) + "\n");
    else if (args.format === "csv") io.stdout(renderReachCsv(matrix));
    else io.stdout(renderReachTable(matrix, io.stdoutLayout));
    return 0;
  },
});
