// Hostile answers and addresses in `probe`: an unroutable --resolve address, RSA keys below 2048 bits, an
// MPLIST of 50,000 entries, and server names that only look like host names. Each ends in a reason for
// that probe, every other probe still prints, and nothing crashes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MPLIST_MAX_ENTRIES, parseMpList } from "../../src/probe/mplist.js";
import type { ProbeEntry } from "../../src/probe/result.js";
import { probeTargets } from "../../src/probe/targets.js";
import { singleServer } from "../helpers/scenarios.js";
import { spawn } from "node:child_process";
import { BIN, REPO_ROOT, parseJson, runCli, type CliOutcome } from "../helpers/cli.js";
import { TestCa } from "./helpers/pki.js";
import { httpsServer, siteHandler, type TestServer } from "./helpers/servers.js";

const ROOT = "mdmsim Hardening Root CA";
const DP = { distributionPoint: { https: true, allowMobileDevices: true } };
const MP = { managementPoint: { https: true, allowMobileDevicesAndMacs: true } };
const certificate = { issuer: ROOT, notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" };

let dir: string;
let caFile: string;
const servers = new Map<string, TestServer>();

function scenarioFile(name: string, serverList: readonly Record<string, unknown>[]): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name,
      start: "2026-01-05T08:00:00Z",
      duration: "1h",
      site: { servers: serverList },
      devices: [
        {
          name: "lab",
          platform: "windows",
          count: 1,
          addresses: "10.9.0.10-10.9.0.200",
          trustedRoots: [ROOT],
        },
      ],
    }),
  );
  return file;
}

/** bin/mdmsim without blocking this process, whose loopback servers must keep answering. */
function binAsync(args: readonly string[]): Promise<CliOutcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}

const resolve = (name: string) => ["--resolve", `${name}=127.0.0.1:${servers.get(name)?.port ?? 0}`];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-probe-hard-"));
  const ca = TestCa.create(dir, "ca", ROOT);
  caFile = ca.pair.certFile;
  const weak = ca.issue({ names: ["weak.mdmsim.test"], rsaBits: 1024 });
  const strong = ca.issue({ names: ["strong.mdmsim.test"], rsaBits: 2048 });
  const many = ca.issue({ names: ["many.mdmsim.test"] });
  // 50,000 short entries: within the 1 MiB body bound, far beyond any site.
  const entries = Array.from({ length: 50_000 }, (_, i) => `<MP FQDN="m${i}"/>`).join("");
  servers.set("weak.mdmsim.test", await httpsServer(weak, siteHandler("<MPList/>")));
  servers.set("strong.mdmsim.test", await httpsServer(strong, siteHandler("<MPList/>")));
  servers.set("many.mdmsim.test", await httpsServer(many, siteHandler(`<MPList>${entries}</MPList>`)));
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("probe against hostile servers and addresses", () => {
  it("refuses an RSA-1024 server key as certificate-untrusted, with the reason, and accepts RSA-2048", async () => {
    const file = scenarioFile("keys", [
      { name: "weak.mdmsim.test", certificate, roles: DP },
      { name: "strong.mdmsim.test", certificate, roles: DP },
    ]);
    const outcome = await runCli([
      "probe",
      file,
      "--ca",
      caFile,
      "--timeout",
      "3s",
      "--format",
      "json",
      ...resolve("weak.mdmsim.test"),
      ...resolve("strong.mdmsim.test"),
    ]);
    const probes = parseJson(outcome.stdout).probes as ProbeEntry[];
    expect(probes.map((p) => [p.server, p.reason])).toEqual([
      ["weak.mdmsim.test", "certificate-untrusted"],
      ["strong.mdmsim.test", null],
    ]);
    expect(probes[0]?.detail).toBe(
      "EE_KEY_TOO_SMALL: the server's certificate has a 1024-bit RSA key; at least 2048 bits are required",
    );
  });

  it("bounds a 50,000-entry MPLIST: an http-error naming the bound, well within the timeout", async () => {
    const file = scenarioFile("many", [{ name: "many.mdmsim.test", certificate, roles: MP }]);
    const started = performance.now();
    const outcome = await runCli([
      "probe",
      file,
      "--ca",
      caFile,
      "--timeout",
      "2s",
      "--format",
      "json",
      ...resolve("many.mdmsim.test"),
    ]);
    const elapsed = performance.now() - started;
    const mplist = (parseJson(outcome.stdout).probes as ProbeEntry[])[0];
    expect(mplist?.reason).toBe("http-error");
    expect(mplist?.detail).toContain(`more than ${MPLIST_MAX_ENTRIES} management points listed`);
    expect(elapsed).toBeLessThan(5000);
    // The reader stops at the bound: a million-byte answer costs milliseconds.
    const t = performance.now();
    expect(parseMpList(`<MPList>${'<MP FQDN="x"/>'.repeat(70_000)}</MPList>`).ok).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it("ends an unroutable --resolve address in server-down, and the other probes in flight still print (bin)", async () => {
    const file = scenarioFile("unroutable", [
      { name: "gone.mdmsim.test", certificate, roles: { ...DP, ...MP } },
      { name: "strong.mdmsim.test", certificate, roles: DP },
    ]);
    const outcome = await binAsync([
      "probe",
      file,
      "--ca",
      caFile,
      "--timeout",
      "3s",
      "--format",
      "json",
      // The limited broadcast address: connect fails at once, inside the lookup's callback.
      "--resolve",
      "gone.mdmsim.test=255.255.255.255",
      ...resolve("strong.mdmsim.test"),
    ]);
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(1);
    const probes = parseJson(outcome.stdout).probes as ProbeEntry[];
    expect(probes.map((p) => `${p.server} ${p.path} ${p.reason}`)).toEqual([
      "gone.mdmsim.test / server-down",
      "gone.mdmsim.test /SMS_MP/.sms_aut?MPLIST server-down",
      "gone.mdmsim.test /SMS_MP/.sms_aut?MPCERT server-down",
      "strong.mdmsim.test / null",
    ]);
  });
});

/** A one-server site named `name` (all roles), for names that differ from the helper's. */
function siteOf(name: string) {
  return {
    servers: [{ name, roles: { enrollmentPoint: { https: true }, ...DP, ...MP } }],
    boundaries: [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
    boundaryGroups: [{ name: "HQ", boundaries: ["HQ"], servers: [name] }],
  };
}

describe("server names that the URL parser would turn into addresses", () => {
  it("are not host names: nothing is contacted, as --resolve refuses them", () => {
    for (const name of ["2130706433", "127.1", "0", "0x7f.1", "010.0.0.1"]) {
      const scenario = singleServer({ server: { name }, extra: { site: siteOf(name) } });
      expect(probeTargets(scenario).every((t) => t.host === null)).toBe(true);
    }
    const plain = singleServer({ server: { name: "10.0.0.1" }, extra: { site: siteOf("10.0.0.1") } });
    expect(probeTargets(plain).every((t) => t.host === "10.0.0.1")).toBe(true);
  });
});
