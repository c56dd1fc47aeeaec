// `mdmsim probe` against real HTTPS servers on 127.0.0.1 with certificates made at test time: each kind
// of failure gives its reason, the good management point's MPLIST is read, redirects are not followed,
// a silent server ends in `timeout` within the bound, and only the scenario's servers are contacted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeTarget, probeTargetsLive, trustContext } from "../../src/cli/probe/network.js";
import type { ProbeEntry } from "../../src/probe/result.js";
import type { ProbeTarget } from "../../src/probe/targets.js";
import { parseJson, runCli, type CliOutcome } from "../helpers/cli.js";
import { TestCa, selfSigned, type KeyPair } from "./helpers/pki.js";
import {
  closedPort,
  httpsServer,
  mpListXml,
  silentServer,
  siteHandler,
  type Handler,
  type TestServer,
} from "./helpers/servers.js";

const ROOT = "mdmsim Test Root CA";
const OTHER_ROOT = "mdmsim Untrusted Root CA";
const DP = { distributionPoint: { https: true, allowMobileDevices: true } };
const MP = { managementPoint: { https: true, allowMobileDevicesAndMacs: true } };
// Generous enough for a loaded CI machine; the silent and hanging servers take about this long.
const TIMEOUT = "2s";

let dir: string;
let caFile: string;
let good: KeyPair;
const servers = new Map<string, TestServer>();
let closed: number;

/** `--resolve` for every running server (and the closed port). */
function resolveArgs(names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const port = name === "closed.mdmsim.test" ? closed : servers.get(name)?.port;
    return port === undefined ? [] : ["--resolve", `${name}=127.0.0.1:${port}`];
  });
}

/** A scenario of these servers, one Windows intranet group trusting the test root. */
function scenario(serverList: readonly Record<string, unknown>[]): string {
  return JSON.stringify({
    name: "probe-lab",
    start: "2026-01-05T08:00:00Z",
    duration: "1h",
    site: { servers: serverList },
    devices: [
      {
        name: "lab-windows",
        platform: "windows",
        count: 1,
        addresses: "10.9.0.10-10.9.0.200",
        trustedRoots: [ROOT],
      },
    ],
  });
}

async function probe(name: string, text: string, args: readonly string[]): Promise<CliOutcome> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, text);
  return runCli(["probe", file, "--ca", caFile, "--timeout", TIMEOUT, ...args]);
}

function entries(outcome: CliOutcome): ProbeEntry[] {
  return parseJson(outcome.stdout).probes as ProbeEntry[];
}

function entry(list: readonly ProbeEntry[], server: string, path = "/"): ProbeEntry {
  const found = list.find((e) => e.server === server && e.path === path);
  if (found === undefined) throw new Error(`no probe of ${server}${path}`);
  return found;
}

const validCertificate = {
  issuer: ROOT,
  notBefore: "2025-01-01T00:00:00Z",
  notAfter: "2027-01-01T00:00:00Z",
};

// The site: the scenario's view of each server (its certificate as the architect wrote it down).
const SITE = [
  {
    name: "good.mdmsim.test",
    certificate: validCertificate,
    roles: { enrollmentProxyPoint: { https: true }, enrollmentPoint: { https: true }, ...DP, ...MP },
  },
  // Written down as wrongly named and expired, untrusted: the model predicts those failures.
  {
    name: "wrongname.mdmsim.test",
    certificate: { ...validCertificate, names: ["elsewhere.mdmsim.test"] },
    roles: DP,
  },
  {
    name: "expired.mdmsim.test",
    certificate: { ...validCertificate, notAfter: "2021-01-01T00:00:00Z" },
    roles: DP,
  },
  { name: "untrusted.mdmsim.test", certificate: { ...validCertificate, issuer: OTHER_ROOT }, roles: DP },
  { name: "selfsigned.mdmsim.test", certificate: { issuer: "selfsigned.mdmsim.test" }, roles: DP },
  // Untrusted and expired, both written down: the model says untrusted (its earlier rule), OpenSSL expired.
  {
    name: "stale.mdmsim.test",
    certificate: { ...validCertificate, issuer: OTHER_ROOT, notAfter: "2021-01-01T00:00:00Z" },
    roles: DP,
  },
  // Written down as fine: reality disagrees.
  { name: "notyet.mdmsim.test", certificate: validCertificate, roles: DP },
  { name: "closed.mdmsim.test", certificate: validCertificate, roles: DP },
  { name: "nowhere.mdmsim.invalid", certificate: validCertificate, roles: DP },
  { name: "silent.mdmsim.test", certificate: validCertificate, roles: DP },
  { name: "hang.mdmsim.test", certificate: validCertificate, roles: DP },
  { name: "redirect.mdmsim.test", certificate: validCertificate, roles: { ...DP, ...MP } },
];
const NAMES = SITE.map((s) => s.name);

let full: CliOutcome;
let fullEntries: ProbeEntry[];
let fullElapsedMs: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-probe-"));
  const ca = TestCa.create(dir, "ca", ROOT);
  const other = TestCa.create(dir, "other", OTHER_ROOT);
  caFile = ca.pair.certFile;
  good = ca.issue({ names: ["good.mdmsim.test", "hang.mdmsim.test", "redirect.mdmsim.test"] });
  const wrong = ca.issue({ names: ["elsewhere.mdmsim.test"] });
  const expired = ca.issue({
    names: ["expired.mdmsim.test"],
    startDate: "20200101000000Z",
    endDate: "20210101000000Z",
  });
  const notYet = ca.issue({
    names: ["notyet.mdmsim.test"],
    startDate: "20900101000000Z",
    endDate: "20910101000000Z",
  });
  const untrusted = other.issue({ names: ["untrusted.mdmsim.test"] });
  const stale = other.issue({
    names: ["stale.mdmsim.test"],
    startDate: "20200101000000Z",
    endDate: "20210101000000Z",
  });
  const self = selfSigned(join(dir, "self"), "selfsigned.mdmsim.test");
  const site = siteHandler(mpListXml(["good.mdmsim.test", "extra.mdmsim.test"]));
  const hang: Handler = () => undefined; // takes the request, never answers
  const redirect: Handler = (_request, response) => {
    response.writeHead(302, { location: "https://good.mdmsim.test/SMS_MP/elsewhere" }).end();
  };
  const start = async (name: string, pair: KeyPair, handler: Handler = site) => {
    servers.set(name, await httpsServer(pair, handler));
  };
  await start("good.mdmsim.test", good);
  await start("wrongname.mdmsim.test", wrong);
  await start("expired.mdmsim.test", expired);
  await start("notyet.mdmsim.test", notYet);
  await start("untrusted.mdmsim.test", untrusted);
  await start("selfsigned.mdmsim.test", self);
  await start("stale.mdmsim.test", stale);
  await start("hang.mdmsim.test", good, hang);
  await start("redirect.mdmsim.test", good, redirect);
  servers.set("silent.mdmsim.test", await silentServer());
  closed = await closedPort();
  const begin = performance.now();
  full = await probe("site", scenario(SITE), ["--format", "json", ...resolveArgs(NAMES)]);
  fullElapsedMs = performance.now() - begin;
  fullEntries = entries(full);
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("probe --format json against loopback servers", () => {
  it("exits 1 (a role is unreachable) and prints only the JSON document", () => {
    expect(full.code, full.stderr).toBe(1);
    expect(full.stderr).toBe("");
    expect(Object.keys(parseJson(full.stdout))).toEqual(["format", "probes"]);
  });

  it("has one entry per server role and path, in scenario order, with the contract's fields", () => {
    expect(fullEntries.map((e) => `${e.server} ${e.role} ${e.path}`)).toEqual([
      "good.mdmsim.test enrollmentProxyPoint /EnrollmentServer/Discovery.svc",
      "good.mdmsim.test enrollmentPoint /",
      "good.mdmsim.test distributionPoint /",
      "good.mdmsim.test managementPoint /SMS_MP/.sms_aut?MPLIST",
      "good.mdmsim.test managementPoint /SMS_MP/.sms_aut?MPCERT",
      ...NAMES.slice(1, -1).map((n) => `${n} distributionPoint /`),
      "redirect.mdmsim.test distributionPoint /",
      "redirect.mdmsim.test managementPoint /SMS_MP/.sms_aut?MPLIST",
      "redirect.mdmsim.test managementPoint /SMS_MP/.sms_aut?MPCERT",
    ]);
    for (const e of fullEntries) {
      expect(Object.keys(e).slice(0, 9)).toEqual([
        "server",
        "role",
        "url",
        "address",
        "ok",
        "reason",
        "status",
        "latencyMs",
        "advertisedManagementPoints",
      ]);
      expect(e.url).toBe(`https://${e.server}${e.path}`);
      expect(e.reason === null).toBe(e.ok);
    }
  });

  it("reaches every role of the good server over verified TLS, through --resolve", () => {
    const good = fullEntries.filter((e) => e.server === "good.mdmsim.test");
    for (const e of good) {
      expect(e.ok, `${e.path}: ${e.detail ?? ""}`).toBe(true);
      expect(e.address).toBe("127.0.0.1");
      expect(e.port).toBe(servers.get("good.mdmsim.test")?.port);
      expect(e.tcpConnectMs).not.toBeNull();
      expect(e.tlsHandshakeMs).not.toBeNull();
      expect(e.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
      expect(e.certificate?.issuer).toBe(ROOT);
      expect(e.agrees).toBe(true);
    }
    expect(entry(fullEntries, "good.mdmsim.test", "/").status).toBe(403); // any answer proves TCP + TLS
    expect(entry(fullEntries, "good.mdmsim.test", "/EnrollmentServer/Discovery.svc").status).toBe(200);
  });

  it("reads the good management point's MPLIST and sets it beside the scenario's management points", () => {
    const mplist = entry(fullEntries, "good.mdmsim.test", "/SMS_MP/.sms_aut?MPLIST");
    expect(mplist.status).toBe(200);
    expect(mplist.advertisedManagementPoints).toEqual(["good.mdmsim.test", "extra.mdmsim.test"]);
    expect(mplist.advertisedManagementPointsNotInScenario).toEqual(["extra.mdmsim.test"]);
    expect(mplist.scenarioManagementPointsNotAdvertised).toEqual(["redirect.mdmsim.test"]);
    expect(
      entry(fullEntries, "good.mdmsim.test", "/SMS_MP/.sms_aut?MPCERT").advertisedManagementPoints,
    ).toBeNull();
  });

  it.each([
    ["wrongname.mdmsim.test", "certificate-name-mismatch"],
    ["expired.mdmsim.test", "certificate-expired"],
    ["notyet.mdmsim.test", "certificate-not-yet-valid"],
    ["untrusted.mdmsim.test", "certificate-untrusted"],
    ["selfsigned.mdmsim.test", "certificate-untrusted"],
    ["stale.mdmsim.test", "certificate-expired"],
    ["closed.mdmsim.test", "server-down"],
    ["nowhere.mdmsim.invalid", "dns-failed"],
    ["silent.mdmsim.test", "timeout"],
    ["hang.mdmsim.test", "timeout"],
  ])("%s fails with %s", (server, reason) => {
    const e = entry(fullEntries, server);
    expect(e.ok).toBe(false);
    expect(e.reason, e.detail ?? "").toBe(reason);
    expect(e.status).toBeNull();
    expect(e.detail).not.toBeNull();
  });

  it("records how far each failure came: no address, no TCP, no TLS", () => {
    expect(entry(fullEntries, "nowhere.mdmsim.invalid").address).toBeNull();
    const down = entry(fullEntries, "closed.mdmsim.test");
    expect(down.address).toBe("127.0.0.1");
    expect(down.tcpConnectMs).toBeNull();
    const expired = entry(fullEntries, "expired.mdmsim.test");
    expect(expired.tcpConnectMs).not.toBeNull();
    expect(expired.tlsHandshakeMs).toBeNull();
    expect(expired.certificate).toBeNull();
    // The silent server took the connection but never began TLS; the hanging one never answered HTTP.
    expect(entry(fullEntries, "silent.mdmsim.test").tcpConnectMs).not.toBeNull();
    expect(entry(fullEntries, "silent.mdmsim.test").tlsHandshakeMs).toBeNull();
    expect(entry(fullEntries, "hang.mdmsim.test").tlsHandshakeMs).not.toBeNull();
    expect(servers.get("hang.mdmsim.test")?.requests).toEqual(["/"]);
  });

  it("ends the silent and hanging probes in timeout within the bound (sanity bound only)", () => {
    // --timeout 2s: connect, headers and body phases are each bounded; the bound here is generous.
    for (const name of ["silent.mdmsim.test", "hang.mdmsim.test"])
      expect(entry(fullEntries, name).latencyMs).toBeLessThan(10_000);
    expect(fullElapsedMs).toBeLessThan(30_000);
  });

  it("does not follow redirects: a DP's 302 is an answer, an MP's 302 is an http-error, the target is never asked", () => {
    const dp = entry(fullEntries, "redirect.mdmsim.test", "/");
    expect(dp.ok).toBe(true);
    expect(dp.status).toBe(302);
    const mplist = entry(fullEntries, "redirect.mdmsim.test", "/SMS_MP/.sms_aut?MPLIST");
    expect(mplist.ok).toBe(false);
    expect(mplist.reason).toBe("http-error");
    expect(mplist.status).toBe(302);
    expect(mplist.detail).toContain("not followed");
    expect(mplist.advertisedManagementPoints).toBeNull();
    expect(servers.get("good.mdmsim.test")?.requests).not.toContain("/SMS_MP/elsewhere");
    expect(servers.get("redirect.mdmsim.test")?.requests).toHaveLength(3);
  });

  it("contacts each server only for its own roles' paths, once each", () => {
    expect([...(servers.get("good.mdmsim.test")?.requests ?? [])].sort()).toEqual(
      [
        "/",
        "/",
        "/EnrollmentServer/Discovery.svc",
        "/SMS_MP/.sms_aut?MPCERT",
        "/SMS_MP/.sms_aut?MPLIST",
      ].sort(),
    );
    for (const name of ["wrongname.mdmsim.test", "expired.mdmsim.test", "untrusted.mdmsim.test"])
      expect(servers.get(name)?.requests, name).toEqual([]); // rejected during the handshake
    expect(servers.get("silent.mdmsim.test")?.requests).toEqual(["connection"]);
  });

  it("sets each result beside the model: agreeing where the scenario describes the server, differing where not", () => {
    const agreement = (server: string) =>
      entry(fullEntries, server).predicted.map((p) => [p.result, p.agreement]);
    expect(agreement("good.mdmsim.test")).toEqual([["ok", "agrees"]]);
    expect(agreement("wrongname.mdmsim.test")).toEqual([["certificate-name-mismatch", "agrees"]]);
    expect(agreement("expired.mdmsim.test")).toEqual([["certificate-expired", "agrees"]]);
    expect(agreement("untrusted.mdmsim.test")).toEqual([["certificate-untrusted", "agrees"]]);
    expect(agreement("selfsigned.mdmsim.test")).toEqual([["certificate-untrusted", "agrees"]]);
    expect(agreement("stale.mdmsim.test")).toEqual([["certificate-untrusted", "agrees"]]);
    expect(agreement("notyet.mdmsim.test")).toEqual([["ok", "differs"]]);
    expect(agreement("closed.mdmsim.test")).toEqual([["ok", "differs"]]);
    expect(entry(fullEntries, "closed.mdmsim.test").agrees).toBe(false);
    expect(entry(fullEntries, "expired.mdmsim.test").agrees).toBe(true);
  });
});

describe("probe table format", () => {
  let table: CliOutcome;
  const names = ["good.mdmsim.test", "closed.mdmsim.test"];

  beforeAll(async () => {
    table = await probe("table", scenario(SITE.filter((s) => names.includes(s.name))), resolveArgs(names));
  });

  it("shows each live result beside the group's prediction and marks the disagreement", () => {
    expect(table.code, table.stderr).toBe(1);
    const out = table.stdout;
    expect(out.startsWith("mdmsim probe: probe-lab")).toBe(true);
    expect(out).toContain("lab-windows");
    const closedRow = out
      .split("\n")
      .find((l) => l.includes("closed.mdmsim.test") && l.includes("server-down"));
    expect(closedRow).toContain("ok ✗ differs");
    expect(out).toContain("✗ differs: the live result contradicts this prediction");
    const goodRow = out.split("\n").find((l) => l.includes("good.mdmsim.test") && l.includes("MPLIST"));
    expect(goodRow).toContain("127.0.0.1:");
    expect(goodRow).not.toContain("differs");
  });

  it("lists the failures in words and the MPLIST's management points beside the scenario's", () => {
    const out = table.stdout;
    expect(out).toContain("Failures");
    expect(out).toMatch(/closed\.mdmsim\.test.*server-down.*ECONNREFUSED/);
    expect(out).toContain("Management points: the scenario beside good.mdmsim.test's MPLIST answer");
    expect(out).toMatch(/extra\.mdmsim\.test\s*│ no ✗\s*│ yes/);
    expect(out).toContain("Probes: 5 of 6 succeeded, 1 failed; results differing from the model: 1.");
  });

  it("--quiet shows only the failed or differing probes", async () => {
    const quiet = await probe("quiet", scenario(SITE.filter((s) => names.includes(s.name))), [
      "--quiet",
      ...resolveArgs(names),
    ]);
    expect(quiet.code).toBe(1);
    const main = quiet.stdout.slice(0, quiet.stdout.indexOf("Failures"));
    expect(main).toContain("closed.mdmsim.test");
    expect(main).not.toContain("good.mdmsim.test");
    // The MPLIST comparison stays: it lists a management point the scenario does not have.
    expect(quiet.stdout).toContain("extra.mdmsim.test");
  });

  it("csv has one row per probe with the contract's columns first", async () => {
    const csv = await probe("csv", scenario(SITE.filter((s) => names.includes(s.name))), [
      "--format",
      "csv",
      ...resolveArgs(names),
    ]);
    const lines = csv.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "server,role,url,address,ok,reason,status,latencyMs,advertisedManagementPoints,port,agrees,detail",
    );
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes("MPLIST"))).toContain("good.mdmsim.test extra.mdmsim.test");
  });
});

describe("probe exit code and trust", () => {
  const goodOnly = () => scenario(SITE.filter((s) => s.name === "good.mdmsim.test"));

  it("exits 0 when every role answers", async () => {
    const outcome = await probe("good", goodOnly(), [
      "--format",
      "json",
      ...resolveArgs(["good.mdmsim.test"]),
    ]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(entries(outcome).every((e) => e.ok && e.agrees)).toBe(true);
  });

  it("without --ca the test root is not trusted: certificate-untrusted (verification cannot be skipped)", async () => {
    const file = join(dir, "noca.json");
    writeFileSync(file, goodOnly());
    const outcome = await runCli(["probe", file, "--format", "json", ...resolveArgs(["good.mdmsim.test"])]);
    expect(outcome.code).toBe(1);
    expect(new Set(entries(outcome).map((e) => e.reason))).toEqual(new Set(["certificate-untrusted"]));
    // And there is no option to turn verification off.
    const insecure = await runCli(["probe", file, "--insecure"]);
    expect(insecure.code).toBe(2);
  });
});

describe("network adapter", () => {
  const target = (host: string, path: string): ProbeTarget => ({
    server: host,
    role: "distributionPoint",
    path,
    url: `https://${host}${path}`,
    host,
    check: "anyAnswer",
  });

  it("never connects to a host outside the allowed set", async () => {
    const server = servers.get("good.mdmsim.test");
    const before = server?.requests.length;
    const o = await probeTarget(
      target("good.mdmsim.test", "/"),
      { timeoutMs: 1000, extraCa: [], resolve: new Map(), allowedHosts: new Set() },
      trustContext([]),
    );
    expect(o.error?.message).toContain("not a server of the scenario");
    expect(o.tcpConnectMs).toBeNull();
    expect(server?.requests.length).toBe(before);
  });

  it("keeps at most the concurrency limit of probes in flight, and the targets' order", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = await httpsServer(good, (request, response) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(200).end(request.url);
      }, 100);
    });
    try {
      const targets = Array.from({ length: 10 }, (_, i) => target("good.mdmsim.test", `/item${i}`));
      const observations = await probeTargetsLive(targets, {
        timeoutMs: 5000,
        extraCa: [readFileSync(caFile, "utf8")],
        resolve: new Map([
          [
            "good.mdmsim.test",
            { name: "good.mdmsim.test", address: "127.0.0.1", family: 4, port: slow.port },
          ],
        ]),
        allowedHosts: new Set(["good.mdmsim.test"]),
        concurrency: 4,
      });
      expect(observations.map((o) => o.status)).toEqual(Array(10).fill(200));
      expect(slow.requests).toHaveLength(10);
      expect(most).toBeLessThanOrEqual(4);
    } finally {
      await slow.close();
    }
  });
});
