// `probe --update-certificates` against loopback HTTPS servers with certificates made by openssl: the
// written scenario carries the issuer, names and validity each server presented (also when the
// certificate is untrusted, wrongly named or expired), a server without a handshake keeps its certificate,
// and `check` on the result reports the findings those certificates deserve.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { loadScenario } from "../../src/scenario/load.js";
import { expectBadInput, parseJson, runCli, type CliOutcome } from "../helpers/cli.js";
import { TestCa, type KeyPair } from "./helpers/pki.js";
import { closedPort, httpsServer, mpListXml, siteHandler, type TestServer } from "./helpers/servers.js";

const ROOT = "mdmsim Update Root CA";
const OTHER_ROOT = "mdmsim Unknown Root CA";
// The devices' path: enroll through wrongname's proxy point, poll untrusted's device management point.
const ROLES: Record<string, Record<string, unknown>> = {
  "good.mdmsim.test": { enrollmentPoint: {}, distributionPoint: { https: true, allowMobileDevices: true } },
  "wrongname.mdmsim.test": { enrollmentProxyPoint: {} },
  "untrusted.mdmsim.test": { managementPoint: { https: true, allowMobileDevicesAndMacs: true } },
  "expired.mdmsim.test": { distributionPoint: { https: true, allowMobileDevices: true } },
  "closed.mdmsim.test": { distributionPoint: { https: true } },
};
const NAMES = ["good.mdmsim.test", "wrongname.mdmsim.test", "untrusted.mdmsim.test", "expired.mdmsim.test"];
// What the scenario said before: a stale certificate on one server, none (trusted by default) on the others.
const STALE = {
  issuer: "Old CA",
  names: ["good.mdmsim.test"],
  notAfter: "2024-01-01T00:00:00Z",
  crl: "ldap",
};

let dir: string;
let caFile: string;
let scenarioFile: string;
let out: string;
let closed: number;
const servers = new Map<string, TestServer>();
const pairs = new Map<string, KeyPair>();
let outcome: CliOutcome;

/** An hour from now, on the second: every certificate made here is valid then, except the expired one. */
const START = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000).toISOString().replace(/\.000Z$/, "Z");

/** Validity of a PEM certificate as openssl prints it, as ISO instants. */
function validity(pair: KeyPair): { notBefore: string; notAfter: string } {
  const x509 = new X509Certificate(pair.cert);
  const iso = (text: string) => new Date(text).toISOString().replace(/\.000Z$/, "Z");
  return { notBefore: iso(x509.validFrom), notAfter: iso(x509.validTo) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-certs-"));
  const ca = TestCa.create(dir, "ca", ROOT);
  const other = TestCa.create(dir, "other", OTHER_ROOT);
  caFile = ca.pair.certFile;
  pairs.set("good.mdmsim.test", ca.issue({ names: ["good.mdmsim.test", "good-alias.mdmsim.test"] }));
  pairs.set("wrongname.mdmsim.test", ca.issue({ names: ["elsewhere.mdmsim.test"] }));
  pairs.set("untrusted.mdmsim.test", other.issue({ names: ["untrusted.mdmsim.test"] }));
  pairs.set(
    "expired.mdmsim.test",
    ca.issue({ names: ["expired.mdmsim.test"], startDate: "20200101000000Z", endDate: "20210101000000Z" }),
  );
  const handler = siteHandler(mpListXml(NAMES));
  for (const name of NAMES) servers.set(name, await httpsServer(pairs.get(name)!, handler));
  closed = await closedPort();
  scenarioFile = join(dir, "site.json");
  writeFileSync(
    scenarioFile,
    JSON.stringify({
      name: "certificates-lab",
      start: START,
      duration: "1h",
      site: {
        servers: [
          { name: "good.mdmsim.test", certificate: STALE, roles: ROLES["good.mdmsim.test"] },
          ...NAMES.slice(1).map((name) => ({ name, roles: ROLES[name] })),
          { name: "closed.mdmsim.test", certificate: { issuer: ROOT }, roles: ROLES["closed.mdmsim.test"] },
        ],
        boundaries: [{ name: "lab", type: "ipv4Range", value: "10.9.0.0/24" }],
        boundaryGroups: [
          { name: "lab", boundaries: ["lab"], servers: ["good.mdmsim.test", "expired.mdmsim.test"] },
        ],
      },
      devices: [
        {
          name: "lab",
          platform: "windows",
          count: 4,
          addresses: "10.9.0.10-10.9.0.20",
          trustedRoots: [ROOT],
        },
      ],
    }),
  );
  out = join(dir, "site-certificates.json");
  const resolve = [
    ...NAMES.map((n) => `${n}=127.0.0.1:${servers.get(n)!.port}`),
    `closed.mdmsim.test=127.0.0.1:${closed}`,
  ];
  outcome = await runCli([
    "probe",
    scenarioFile,
    "--ca",
    caFile,
    "--timeout",
    "2s",
    "--format",
    "json",
    "--set",
    "devices.lab.count=7",
    ...resolve.flatMap((r) => ["--resolve", r]),
    "--update-certificates",
    out,
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

function written(): {
  site: { servers: { name: string; certificate?: unknown }[] };
  devices: Record<string, unknown>[];
} {
  return JSON.parse(readFileSync(out, "utf8")) as ReturnType<typeof written>;
}

function certificateOf(name: string): unknown {
  return written().site.servers.find((s) => s.name === name)?.certificate;
}

describe("probe --update-certificates", () => {
  it("probes as usual (exit 1: the closed server), then writes the file and names the server it kept", () => {
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(Object.keys(parseJson(outcome.stdout))).toEqual(["format", "probes"]);
    expect(outcome.stderr).toContain(`mdmsim probe: wrote ${out}: the certificates of 4 servers`);
    expect(outcome.stderr).toMatch(
      /closed\.mdmsim\.test: kept the scenario's certificate: the TLS handshake did not complete \(ECONNREFUSED\)/,
    );
    expect(existsSync(out)).toBe(true);
    // Every certificate presented is valid at the scenario's start (an hour from now): no warning.
    expect(outcome.stderr).not.toContain("warning");
  });

  it("writes the issuer, the DNS names and the validity each server presented, keeping the scenario's crl", () => {
    expect(certificateOf("good.mdmsim.test")).toEqual({
      issuer: ROOT,
      names: ["good.mdmsim.test", "good-alias.mdmsim.test"],
      ...validity(pairs.get("good.mdmsim.test")!),
      crl: "ldap",
    });
    expect(certificateOf("wrongname.mdmsim.test")).toEqual({
      issuer: ROOT,
      names: ["elsewhere.mdmsim.test"],
      ...validity(pairs.get("wrongname.mdmsim.test")!),
    });
    // Rejected by verification, recorded all the same.
    expect(certificateOf("untrusted.mdmsim.test")).toMatchObject({
      issuer: OTHER_ROOT,
      names: ["untrusted.mdmsim.test"],
    });
    expect(certificateOf("expired.mdmsim.test")).toMatchObject({
      issuer: ROOT,
      notBefore: "2020-01-01T00:00:00Z",
      notAfter: "2021-01-01T00:00:00Z",
    });
    expect(certificateOf("closed.mdmsim.test")).toEqual({ issuer: ROOT });
  });

  it("writes the scenario as loaded after --set, trusted roots unchanged, and it loads", () => {
    const scenario = written();
    expect(scenario.devices[0]).toMatchObject({ count: 7, trustedRoots: [ROOT] });
    expect(() => loadScenario(scenario)).not.toThrow();
  });

  it("check on the result finds what the live certificates deserve", () => {
    const findings = checkScenario(loadScenario(written()));
    const about = (server: string) =>
      findings.filter((f) => f.path.includes(server) && f.id.startsWith("certificate-")).map((f) => f.id);
    expect(about("good.mdmsim.test")).toEqual([]);
    expect(about("wrongname.mdmsim.test")).toContain("certificate-name-mismatch");
    expect(about("untrusted.mdmsim.test")).toContain("certificate-untrusted");
    expect(about("expired.mdmsim.test")).toContain("certificate-expires");
    // Before the update, check knew none of it (no certificate written: one every device trusts).
    const before = checkScenario(loadScenario(readFileSync(scenarioFile, "utf8")));
    expect(
      before.filter((f) => f.id === "certificate-untrusted" || f.id === "certificate-name-mismatch"),
    ).toEqual([]);
  });

  it("refuses to write over the scenario or a --ca file, before contacting anything", async () => {
    const before = servers.get("good.mdmsim.test")!.requests.length;
    const text = readFileSync(scenarioFile, "utf8");
    for (const target of [scenarioFile, caFile]) {
      const refused = await runCli([
        "probe",
        scenarioFile,
        "--ca",
        caFile,
        "--resolve",
        `good.mdmsim.test=127.0.0.1:${servers.get("good.mdmsim.test")!.port}`,
        "--update-certificates",
        target,
      ]);
      expectBadInput(refused, "--update-certificates", "input");
    }
    expect(readFileSync(scenarioFile, "utf8")).toBe(text);
    expect(servers.get("good.mdmsim.test")!.requests.length).toBe(before);
  });
});

describe("probe --update-certificates: a certificate issued after the scenario's start", () => {
  const NAME = "future.mdmsim.test";
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.close();
  });

  it("warns on stderr naming both dates and suggesting a later start; check reports certificate-not-yet-valid", async () => {
    const ca = TestCa.create(dir, "future-ca", ROOT);
    const pair = ca.issue({ names: [NAME], startDate: "20300101000000Z", endDate: "20310101000000Z" });
    server = await httpsServer(pair, siteHandler(mpListXml([NAME])));
    const file = join(dir, "future.json");
    const written = join(dir, "future-certificates.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "future-lab",
        start: START,
        duration: "1h",
        site: {
          servers: [{ name: NAME, roles: { distributionPoint: { https: true, allowMobileDevices: true } } }],
        },
        devices: [{ name: "macs", platform: "macos", count: 1 }],
      }),
    );
    const probed = await runCli([
      "probe",
      file,
      "--timeout",
      "2s",
      "--resolve",
      `${NAME}=127.0.0.1:${server.port}`,
      "--update-certificates",
      written,
    ]);
    expect(probed.stderr).toContain(`mdmsim probe: wrote ${written}: the certificate of 1 server`);
    const warnings = probed.stderr.split("\n").filter((line) => line.includes("warning"));
    expect(warnings).toEqual([
      `mdmsim probe: warning: ${NAME}: the certificate presented is not valid until 2030-01-01T00:00:00Z, after the scenario's start (${START}): check reports certificate-not-yet-valid and run fails every try before then; move start to 2030-01-01T00:00:00Z or later`,
    ]);
    const findings = checkScenario(loadScenario(readFileSync(written, "utf8")));
    expect(findings.filter((f) => f.id.startsWith("certificate-")).map((f) => [f.id, f.severity])).toEqual([
      ["certificate-not-yet-valid", "error"],
    ]);
  });
});
