// `mdmsim reach <scenario>`: the reachability matrix at t = 0, or at `--at`.
import { reachability, reachTime } from "../../model/reachability.js";
import { renderReachCsv } from "../../report/reachCsv.js";
import { failingPart, renderReachTable } from "../../report/reachTable.js";
import { defineCommand } from "../command.js";
import { text } from "../optionTable.js";
import { SCENARIO, scenarioOptions, type ScenarioArgs } from "../options.js";
import { attributed, commandScenario } from "../scenarioFile.js";

interface ReachArgs extends ScenarioArgs {
  readonly scenario: string;
  readonly at: string | undefined;
}

/** The `reach` command. */
export const reachCommand = defineCommand<ReachArgs>({
  name: "reach",
  examples: [
    ["mdmsim reach site.json", "which group reaches which server role at t = 0"],
    ["mdmsim reach site.json --at 2h", "the same two hours into the run"],
  ],
  describe: "show which device groups can reach which server roles (model rules at t = 0, or --at)",
  options: {
    scenario: SCENARIO,
    at: text({
      describe:
        'evaluate the rules at this time after the start, a duration like "45m" (outages and certificate validity then); default 0',
    }),
    ...scenarioOptions(
      "table: only the groups and roles with a failing cell, nothing when every cell is ok; json and csv are always complete",
    ),
  },
  run: (args, { io, context }) => {
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const at = reachTime(args.at, scenario);
    const matrix = attributed(args.scenario, () => reachability(scenario, at));
    if (args.format === "json") io.stdout(JSON.stringify(matrix, null, 2) + "\n");
    else if (args.format === "csv") io.stdout(renderReachCsv(matrix));
    else if (!args.quiet) io.stdout(renderReachTable(matrix, io.stdoutLayout));
    else {
      const failing = failingPart(matrix);
      if (failing.cells.length > 0) io.stdout(renderReachTable(failing, io.stdoutLayout));
    }
    return 0;
  },
});
