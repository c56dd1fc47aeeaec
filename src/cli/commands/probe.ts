// `mdmsim probe <scenario>`: the scenario's real servers over HTTPS, beside the model's prediction.
import type { Argv, CommandModule } from "yargs";
import { renderProbeCsv } from "../../probe/csv.js";
import { planProbes } from "../../probe/plan.js";
import { anyUnreachable, buildProbeReport } from "../../probe/result.js";
import { renderProbeTable } from "../../probe/table.js";
import { DEFAULT_PROBE_TIMEOUT } from "../../probe/timeout.js";
import type { CliIo, RunContext } from "../io.js";
import { SCENARIO_ARGUMENT, list, withScenarioOptions } from "../options.js";
import { probeProgress } from "../probe/progress.js";
import { commandScenario } from "../scenarioFile.js";

/** The `probe` command. */
export function probeCommand(io: CliIo, context: RunContext, done: (code: number) => void): CommandModule {
  return {
    command: "probe <scenario>",
    describe:
      "probe the scenario's real servers over HTTPS and show each result beside the model's prediction",
    builder: (y: Argv) =>
      withScenarioOptions(y.positional("scenario", SCENARIO_ARGUMENT))
        .option("resolve", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "connect to NAME at IP (and PORT) instead of looking it up: NAME=IP[:PORT] (repeatable)",
        })
        .option("ca", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "also trust the PEM certificates in FILE (repeatable); TLS is always verified",
        })
        .option("timeout", {
          type: "string",
          default: DEFAULT_PROBE_TIMEOUT,
          describe: "bound of each phase of a probe: connect (lookup, TCP, TLS), headers, body",
        }),
    handler: async (argv) => {
      const scenario = commandScenario(io, context, argv.scenario as string, list(argv.set));
      const plan = planProbes(scenario, list(argv.resolve), argv.timeout);
      // undici (and node:crypto, for --ca) load only when a probe runs, so other commands start fast.
      const [{ readCaFiles }, { probeTargetsLive }] = await Promise.all([
        import("../probe/caFiles.js"),
        import("../probe/network.js"),
      ]);
      const extraCa = readCaFiles(io, list(argv.ca));
      const progress = probeProgress(io);
      const observations = await probeTargetsLive(plan.targets, {
        timeoutMs: plan.timeoutMs,
        extraCa,
        resolve: plan.resolve,
        allowedHosts: plan.hosts,
        onProgress: progress.update,
      });
      progress.finish();
      const report = buildProbeReport(scenario, plan.targets, observations);
      const format = argv.format as "table" | "json" | "csv";
      if (format === "json") io.stdout(JSON.stringify(report, null, 2) + "\n");
      else if (format === "csv") io.stdout(renderProbeCsv(report));
      else io.stdout(renderProbeTable(scenario, report, argv.quiet as boolean));
      done(anyUnreachable(report) ? 1 : 0);
    },
  };
}
