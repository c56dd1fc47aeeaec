// `mdmsim run [scenario]`: simulate and print the prediction.
import { scenarioAsRun } from "../../model/asRun.js";
import { runSimulation } from "../../simulate.js";
import { failedPerMinute, renderFailureChart } from "../../report/failureChart.js";
import { renderCsv } from "../../report/csv.js";
import { renderExpectations, renderRunTable } from "../../report/runTable.js";
import { renderRecordsCsv } from "../../report/recordsCsv.js";
import { defineCommand } from "../command.js";
import { checkDocumentFile, JSON_FILE, writeDocumentFile } from "../documentFile.js";
import { flag, text } from "../optionTable.js";
import {
  expectOption,
  MAX_EVENTS,
  maxEventsOf,
  OPTIONAL_SCENARIO,
  scenarioOptions,
  type ScenarioArgs,
} from "../options.js";
import { progressBar } from "../progress.js";
import { attributed, commandScenario, commandSeed } from "../scenarioFile.js";

interface RunArgs extends ScenarioArgs {
  readonly scenario: string | undefined;
  readonly expect: string[];
  readonly trace: string | undefined;
  readonly maxEvents: number | undefined;
  readonly printScenario: boolean;
  readonly json: string | undefined;
  readonly records: string | undefined;
}

/** The `run` command. */
export const runCommand = defineCommand<RunArgs>({
  name: "run",
  examples: [
    ["mdmsim run baseline", "simulate the bundled baseline and print the tables"],
    [
      "mdmsim run site.json --set devices.0.count=5000 --json run.json",
      "a what-if; the JSON document kept in run.json",
    ],
  ],
  describe: "simulate a scenario (default: the bundled baseline) and print the prediction",
  options: {
    scenario: OPTIONAL_SCENARIO,
    ...scenarioOptions("print only the failed expectations (table format)"),
    expect: expectOption(),
    trace: text({ describe: "print one device's timeline, e.g. hq-windows-17" }),
    maxEvents: MAX_EVENTS,
    json: JSON_FILE,
    records: text({
      describe:
        "also write one CSV row per device to FILE: group, platform, enrollment, first success, failed tries, the last try's reason",
    }),
    printScenario: flag({
      describe:
        "print the scenario as this run would simulate it (JSON: --set applied, every default and each replica's drawn syncOffset filled in, the seed) and run nothing",
    }),
  },
  run: async (args, { io, context }) => {
    const inputs = args.scenario !== undefined ? [args.scenario] : [];
    checkDocumentFile(args.json, "--json", inputs);
    checkDocumentFile(args.records, "--records", inputs);
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const seed = commandSeed(context, args.seed, scenario);
    if (args.printScenario) {
      io.stdout(`${JSON.stringify(scenarioAsRun(scenario, seed), null, 2)}\n`);
      return 0;
    }
    const { trace } = args;
    const devices = scenario.devices.reduce((n, g) => n + g.count, 0);
    const progress = progressBar(io, devices, { label: "run", unit: "devices" });
    let simulation;
    try {
      simulation = attributed(args.scenario, () =>
        runSimulation(scenario, {
          seed,
          expectations: args.expect,
          ...maxEventsOf(args.maxEvents),
          ...(trace !== undefined ? { trace } : {}),
          ...(args.records !== undefined ? { perDevice: true } : {}),
          onProgress: progress.update,
        }),
      );
    } finally {
      progress.finish(); // the tables or an error message start on a clean line
    }
    const { series } = simulation;
    // The records go to their file; the document stays the one --format json prints without them.
    const { perDevice, ...result } = simulation.result;
    if (args.records !== undefined) {
      const platforms = new Map(scenario.devices.map((g) => [g.name, g.platform]));
      await writeDocumentFile(
        args.records,
        renderRecordsCsv(perDevice ?? [], platforms),
        "--records",
        inputs,
      );
    }
    const document = JSON.stringify(result, null, 2) + "\n";
    await writeDocumentFile(args.json, document, "--json", inputs);
    if (args.format === "json") io.stdout(document);
    // With --trace, csv carries the trace too (rows trace.N.time, trace.N.event, …), as json does.
    else if (args.format === "csv") io.stdout(renderCsv(result, trace !== undefined ? [] : undefined));
    else if (args.quiet) {
      const failed = { ...result, expectations: result.expectations.filter((e) => !e.passed) };
      io.stdout(renderExpectations(failed, io.stdoutLayout));
    } else {
      io.stdout(renderRunTable(result, io.stdoutLayout));
      // Under the tables, only for a person at a terminal: pipes and files keep the documented bytes.
      if (io.stdoutIsTTY)
        io.stdout(
          `\n${renderFailureChart(failedPerMinute(series.managementPoints), result.durationSeconds)}`,
        );
    }
    return result.expectations.every((e) => e.passed) ? 0 : 1;
  },
});
