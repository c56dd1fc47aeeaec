// `mdmsim run [scenario]`: simulate and print the prediction.
import type { Argv, CommandModule } from "yargs";
import { runSimulation } from "../../simulate.js";
import { failedPerMinute, renderFailureChart } from "../../report/failureChart.js";
import { renderCsv } from "../../report/csv.js";
import { renderExpectations, renderRunTable } from "../../report/runTable.js";
import type { CliIo, RunContext } from "../io.js";
import { SCENARIO_ARGUMENT, list, withExpect, withScenarioOptions } from "../options.js";
import { attributed, commandScenario, commandSeed } from "../scenarioFile.js";

/** The `run` command; `done` receives the exit code. */
export function runCommand(io: CliIo, context: RunContext, done: (code: number) => void): CommandModule {
  return {
    command: "run [scenario]",
    describe: "simulate a scenario (default: the bundled baseline) and print the prediction",
    builder: (y: Argv) =>
      withExpect(withScenarioOptions(y.positional("scenario", SCENARIO_ARGUMENT))).option("trace", {
        type: "string",
        requiresArg: true,
        describe: "print one device's timeline, e.g. hq-windows-17",
      }),
    handler: (argv) => {
      const scenario = commandScenario(io, context, argv.scenario as string | undefined, list(argv.set));
      const seed = commandSeed(context, argv.seed, scenario);
      const trace = argv.trace as string | undefined;
      const { result, raw } = attributed(argv.scenario as string | undefined, () =>
        runSimulation(scenario, {
          seed,
          expectations: list(argv.expect),
          ...(trace !== undefined ? { trace } : {}),
        }),
      );
      const format = argv.format as "table" | "json" | "csv";
      if (format === "json") io.stdout(JSON.stringify(result, null, 2) + "\n");
      else if (format === "csv") io.stdout(renderCsv(result));
      else if (argv.quiet === true) {
        const failed = { ...result, expectations: result.expectations.filter((e) => !e.passed) };
        io.stdout(renderExpectations(failed));
      } else {
        io.stdout(renderRunTable(result));
        // Under the tables, only for a person at a terminal: pipes and files keep the documented bytes.
        if (io.stdoutIsTTY)
          io.stdout(`\n${renderFailureChart(failedPerMinute(raw.managementPoints), result.durationSeconds)}`);
      }
      done(result.expectations.every((e) => e.passed) ? 0 : 1);
    },
  };
}
