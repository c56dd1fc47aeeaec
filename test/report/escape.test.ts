// Terminal escape injection: a group named with escape sequences, or an MPLIST answer naming one, is shown
// escaped (\e, \a) in every table and message, in-process and through the real bin/mdmsim, coloured or not.
import { describe, expect, it } from "vitest";
import type { ProbeObservation } from "../../src/probe/observation.js";
import { buildProbeReport } from "../../src/probe/result.js";
import { renderProbeTable } from "../../src/probe/table.js";
import { probeTargets } from "../../src/probe/targets.js";
import { loadScenario } from "../../src/scenario/load.js";
import { BASELINE_TEXT, runBin, runCli } from "../helpers/cli.js";

const HOSTILE = "\u001b]0;pwned\u0007\u001b[2J";
const SHOWN = "\\e]0;pwned\\a\\e[2J";
// The baseline with its one device group renamed.
const HOSTILE_TEXT = BASELINE_TEXT.replaceAll('"hq-windows"', JSON.stringify(HOSTILE));
const FILE = "hostile.json";

// Nothing a terminal obeys, other than the colour codes asked for: SGR sequences (ESC [ … m) only.
function expectInert(text: string, what: string): void {
  const withoutColour = text.replace(new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, "g"), "");
  // Line breaks are the output's own; any other control or format character would be the attack's.
  expect(withoutColour, what).not.toMatch(/(?!\n)[\p{Cc}\p{Cf}]/u);
}

describe("a group named with escape sequences", () => {
  it("is loaded as it is written (the attack reaches the renderers)", () => {
    expect(loadScenario(HOSTILE_TEXT).devices[0]?.name).toBe(HOSTILE);
  });

  for (const color of [false, true])
    for (const columns of [undefined, 80]) {
      it(`is escaped in run, check and reach tables (colour ${color}, ${columns ?? "unlimited"} columns)`, async () => {
        const layout = { color, ...(columns !== undefined ? { columns } : {}) };
        for (const command of ["run", "check", "reach"]) {
          const out = await runCli([command, FILE], {
            files: { [FILE]: HOSTILE_TEXT },
            stdoutLayout: layout,
          });
          expect(out.code, out.stderr).toBeLessThan(2);
          expect(out.stdout, command).toContain(SHOWN);
          expectInert(out.stdout, command);
        }
      });
    }

  it("is escaped in the --trace error, which names the devices", async () => {
    const out = await runCli(["run", FILE, "--trace", `${HOSTILE}-0`], { files: { [FILE]: HOSTILE_TEXT } });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`--trace ${SHOWN}-0: no such device`);
    expect(out.stderr).toContain(`${SHOWN}-1 …`);
    expectInert(out.stderr, "--trace error");
  });

  it("is escaped by the real bin/mdmsim, in tables and messages", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = `${mkdtempSync(`${tmpdir()}/mdmsim-escape-`)}/${FILE}`;
    writeFileSync(path, HOSTILE_TEXT);
    for (const args of [
      ["run", path],
      ["check", path],
      ["reach", path],
      ["run", path, "--trace", "nobody-1"],
    ]) {
      const out = runBin(args, { FORCE_COLOR: "1" });
      expect(out.stdout + out.stderr, args.join(" ")).toContain(SHOWN);
      expectInert(out.stdout, args.join(" "));
      expectInert(out.stderr, args.join(" "));
    }
  });
});

describe("an MPLIST answer naming a management point with escape sequences", () => {
  it("is escaped in probe's tables", () => {
    const scenario = loadScenario(BASELINE_TEXT);
    const targets = probeTargets(scenario);
    const body = '<MPList><MP FQDN="&#x1b;]0;pwned&#x7;&#x1b;[2J.corp.contoso.com"/></MPList>';
    const observation: ProbeObservation = {
      address: "10.1.0.5",
      port: 443,
      tcpConnectMs: 1,
      tlsHandshakeMs: 2,
      tlsProtocol: "TLSv1.3",
      certificate: null,
      status: 200,
      contentType: "text/xml",
      body: new TextEncoder().encode(body),
      bodyTruncated: false,
      latencyMs: 3,
      error: null,
    };
    const failed: ProbeObservation = {
      ...observation,
      status: null,
      body: null,
      error: { code: "ECONNRESET", name: "Error", message: `reset by \u001b[2Jpeer\u202e` },
    };
    const observations = targets.map((t) => (t.check === "mplist" ? observation : failed));
    const report = buildProbeReport(scenario, targets, observations);
    expect(report.probes.some((p) => p.advertisedManagementPoints?.[0]?.startsWith("\u001b]0;pwned"))).toBe(
      true,
    );
    for (const color of [false, true])
      for (const columns of [undefined, 80]) {
        const text = renderProbeTable(scenario, report, false, { color, ...(columns ? { columns } : {}) });
        expect(text).toContain("\\e]0;pwned\\a\\e[2J.corp.contoso.com");
        expectInert(text, `probe colour ${color} ${columns ?? "unlimited"}`);
      }
  });
});
