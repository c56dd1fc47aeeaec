// `mdmsim probe <scenario>`: the scenario's real servers over HTTPS, beside the model's prediction.
import { renderProbeCsv } from "../../probe/csv.js";
import { planProbes } from "../../probe/plan.js";
import { anyUnreachable, buildProbeReport } from "../../probe/result.js";
import { renderProbeTable } from "../../probe/table.js";
import { DEFAULT_PROBE_TIMEOUT } from "../../probe/timeout.js";
import { defineCommand } from "../command.js";
import { list, text, textWithDefault } from "../optionTable.js";
import { SCENARIO, scenarioOptions, type ScenarioArgs } from "../options.js";
import { checkOutputPath } from "../outputFile.js";
import { writeProbedCertificates } from "../probe/certificateFile.js";
import { probeProgress } from "../probe/progress.js";
import { commandScenario } from "../scenarioFile.js";

interface ProbeArgs extends ScenarioArgs {
  readonly scenario: string;
  readonly resolve: string[];
  readonly ca: string[];
  readonly timeout: string;
  readonly updateCertificates: string | undefined;
}

/** The `probe` command: exit 1 when a probed role did not answer. */
export const probeCommand = defineCommand<ProbeArgs>({
  name: "probe",
  examples: [
    ["mdmsim probe site.json", "probe every server role of the scenario"],
    [
      "mdmsim probe site.json --resolve cm01.corp.contoso.com=10.0.0.5",
      "a lab: the server's name mapped to an address",
    ],
  ],
  describe: "probe the scenario's real servers over HTTPS and show each result beside the model's prediction",
  options: {
    scenario: SCENARIO,
    ...scenarioOptions("print only the roles that differ from the prediction or did not answer"),
    resolve: list({
      describe: "connect to NAME at IP (and PORT) instead of looking it up: NAME=IP[:PORT] (repeatable)",
    }),
    ca: list({ describe: "also trust the PEM certificates in FILE (repeatable); TLS is always verified" }),
    timeout: textWithDefault({
      default: DEFAULT_PROBE_TIMEOUT,
      describe: "bound of each phase of a probe: connect (lookup, TCP, TLS), headers, body",
    }),
    updateCertificates: text({
      describe:
        "also write the scenario to this file with each server's certificate as its TLS handshake presented it",
    }),
  },
  run: async (args, { io, context }) => {
    const out = args.updateCertificates;
    const inputs = [args.scenario, ...args.ca];
    if (out !== undefined) checkOutputPath(out, `--update-certificates ${out}`, inputs);
    const scenario = commandScenario(io, context, args.scenario, args.set);
    const plan = planProbes(scenario, args.resolve, args.timeout);
    // undici (and node:crypto, for --ca) load only when a probe runs, so other commands start fast.
    const [{ readCaFiles }, { probeTargetsLive }] = await Promise.all([
      import("../probe/caFiles.js"),
      import("../probe/network.js"),
    ]);
    const extraCa = readCaFiles(io, args.ca);
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
    if (args.format === "json") io.stdout(JSON.stringify(report, null, 2) + "\n");
    else if (args.format === "csv") io.stdout(renderProbeCsv(report));
    else io.stdout(renderProbeTable(scenario, report, args.quiet, io.stdoutLayout));
    if (out !== undefined)
      await writeProbedCertificates(io, scenario, { targets: plan.targets, observations }, out, inputs);
    return anyUnreachable(report) ? 1 : 0;
  },
});
