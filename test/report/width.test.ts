// Every command's table output (run, check, reach, sweep, sweep --list, merge, compare, probe), for every bundled scenario, at 80 and 120 columns: no line is wider than
// the terminal (display width, not string length). In-process, with a fake terminal.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ProbeObservation } from "../../src/probe/observation.js";
import { buildProbeReport } from "../../src/probe/result.js";
import { renderProbeTable } from "../../src/probe/table.js";
import { probeTargets } from "../../src/probe/targets.js";
import { displayWidth } from "../../src/report/terminal.js";
import { loadScenario } from "../../src/scenario/load.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";

const bundled = readdirSync(`${REPO_ROOT}scenarios`)
  .filter((f) => f.endsWith(".json"))
  .sort();

function expectFits(text: string, columns: number, what: string): void {
  expect(text.length, what).toBeGreaterThan(0);
  const lines = text.split("\n");
  const widest = Math.max(...lines.map(displayWidth));
  expect(widest, `${what}\n${lines.find((l) => displayWidth(l) === widest) ?? ""}`).toBeLessThanOrEqual(
    columns,
  );
}

// A probe that answered, one refused, and an MPLIST naming an extra management point: every table of probe.
function probeReportText(file: string, columns: number): string {
  const scenario = loadScenario(readFileSync(`${REPO_ROOT}scenarios/${file}`, "utf8"));
  const targets = probeTargets(scenario);
  const answered = (body: string | null): ProbeObservation => ({
    address: "10.1.0.5",
    port: 443,
    tcpConnectMs: 1.4,
    tlsHandshakeMs: 3.6,
    tlsProtocol: "TLSv1.3",
    certificate: null,
    status: 200,
    contentType: "text/xml",
    body: body === null ? null : new TextEncoder().encode(body),
    bodyTruncated: false,
    latencyMs: 12.4,
    error: null,
  });
  const refused: ProbeObservation = {
    ...answered(null),
    tcpConnectMs: null,
    tlsHandshakeMs: null,
    status: null,
    error: {
      code: "ECONNREFUSED",
      name: "Error",
      message: "connect ECONNREFUSED 10.1.0.5:443 after a long wait",
    },
  };
  const mplist = '<MPList><MP FQDN="cm99.a-rather-long-domain-name.corp.contoso.com"/></MPList>';
  const observations = targets.map((t, i) =>
    t.check === "mplist" ? answered(mplist) : i % 2 === 0 ? refused : answered(null),
  );
  return renderProbeTable(scenario, buildProbeReport(scenario, targets, observations), false, { columns });
}

describe.each([80, 120])("at %i columns", (columns) => {
  const terminal = { stdoutIsTTY: true, stdoutLayout: { columns, color: false } } as const;

  describe.each(bundled)("%s", (file) => {
    const path = `${REPO_ROOT}scenarios/${file}`;
    const vary = ["--vary", "devices.0.count=10,20", "--vary", "site.replicas.0.syncInterval=1m,5m"];

    it("run (with a device's trace and the failure chart), check and reach fit", async () => {
      const scenario = loadScenario(readFileSync(path, "utf8"));
      const device = `${scenario.devices[0]?.name ?? ""}-1`;
      for (const args of [
        ["run", path, "--trace", device],
        ["check", path],
        ["reach", path],
      ]) {
        const { stdout, code } = await runCli(args, terminal);
        expect(code, args.join(" ")).toBeLessThan(2);
        expectFits(stdout, columns, args.join(" "));
      }
    });

    it("sweep, sweep --list and merge fit", async () => {
      const scenario = loadScenario(readFileSync(path, "utf8"));
      // Not every scenario has a replica: vary the first group only then.
      const args = scenario.site.replicas.length > 0 ? vary : vary.slice(0, 2);
      const sweep = [
        "sweep",
        path,
        ...args,
        "--runs",
        "2",
        "--jobs",
        "1",
        "--expect",
        "devices.connected > 15",
      ];
      const list = await runCli([...sweep, "--list"], terminal);
      expectFits(list.stdout, columns, "sweep --list");
      const whole = await runCli(sweep, terminal);
      expect(whole.code).toBeLessThan(2);
      expectFits(whole.stdout, columns, "sweep");
      const shards = await Promise.all(
        ["1/2", "2/2"].map(async (s) => (await runCli([...sweep, "--shard", s])).stdout),
      );
      const merged = await runCli(["merge", "a.json", "b.json"], {
        ...terminal,
        files: { "a.json": shards[0] ?? "", "b.json": shards[1] ?? "" },
      });
      expect(merged.stdout).toBe(whole.stdout);
    });

    it("compare fits", async () => {
      const args = ["compare", path, "--with", "devices.0.count=20", "--runs", "2", "--jobs", "1"];
      const { stdout, code } = await runCli([...args, "--expect", "devices.connected > 15"], terminal);
      expect(code, stdout).toBeLessThan(2);
      expectFits(stdout, columns, "compare");
    });

    it("probe's tables fit", () => {
      expectFits(probeReportText(file, columns), columns, "probe");
    });
  });
});
