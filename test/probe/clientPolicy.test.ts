// A management point probed as a ConfigMgr client uses it, end to end against nginx standing in for three
// MPs (chosen by SNI on one port): cm01 answers the client policy endpoint as an MP answers a request that
// is no client's (403), cm02 fails there (500, as an MP whose handlers cannot run), cm03 serves no client
// group. Each client group's prediction stands beside the MPs it can use, and only those; the real
// bin/mdmsim runs the probe. In CI (CI=true) a missing nginx fails nginx.test.ts.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeEntry } from "../../src/probe/result.js";
import { CLIENT_POLICY_PATH } from "../../src/probe/targets.js";
import { parseJson, runBin, type CliOutcome } from "../helpers/cli.js";
import { findNginx, nginxConfig, startNginx, stopNginx } from "./helpers/nginx.js";
import { TestCa } from "./helpers/pki.js";
import { closedPort, mpListXml } from "./helpers/servers.js";

const NGINX = findNginx();
const ISSUER = "mdmsim client policy Test Root CA";
const MPS = ["cm01.clients.mdmsim.test", "cm02.clients.mdmsim.test", "cm03.clients.mdmsim.test"] as const;
const [CM01, CM02, CM03] = MPS;

/** One SNI server per MP: MPLIST and MPCERT as in nginx.test.ts, and the client policy endpoint's status. */
function serverBlock(dir: string, port: number, name: string, policyStatus: number): string {
  return `
  server {
    listen 127.0.0.1:${port} ssl;
    server_name ${name};
    ssl_certificate ${dir}/${name}.pem;
    ssl_certificate_key ${dir}/${name}.key;
    root ${dir}/www;
    location = /SMS_MP/.sms_aut { try_files $sms_aut_file =404; }
    location = ${CLIENT_POLICY_PATH} { return ${policyStatus}; }
    location / { return 404; }
  }`;
}

function scenario() {
  const mp = (name: string) => ({
    name,
    certificate: { issuer: ISSUER },
    roles: { managementPoint: { https: true, allowMobileDevicesAndMacs: true } },
  });
  return {
    name: "client-policy-lab",
    start: "2026-01-05T08:00:00Z",
    duration: "1h",
    site: {
      servers: MPS.map(mp),
      boundaries: [
        { name: "hq-range", type: "ipv4Range", value: "10.1.0.1-10.1.0.254" },
        { name: "branch-range", type: "ipv4Range", value: "10.2.0.1-10.2.0.254" },
      ],
      boundaryGroups: [
        { name: "HQ", boundaries: ["hq-range"], servers: [CM01] },
        { name: "Branch", boundaries: ["branch-range"], servers: [CM02] },
      ],
      defaultBoundaryGroup: "HQ",
    },
    devices: [
      { name: "hq-clients", platform: "configmgr-client", count: 100, addresses: "10.1.0.1-10.1.0.200" },
      { name: "branch-clients", platform: "configmgr-client", count: 50, addresses: "10.2.0.1-10.2.0.50" },
      { name: "lab-windows", platform: "windows", count: 1, addresses: "10.1.0.0/24" },
    ],
  };
}

describe.skipIf(NGINX === null)("probe of the client policy endpoint against nginx (bin/mdmsim)", () => {
  let dir: string;
  let child: ChildProcess;
  let port: number;
  let args: string[];
  let json: CliOutcome;
  let probes: ProbeEntry[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mdmsim-nginx-clients-"));
    mkdirSync(join(dir, "www"));
    const ca = TestCa.create(dir, "ca", ISSUER);
    for (const name of MPS) {
      const pair = ca.issue({ names: [name] });
      writeFileSync(join(dir, `${name}.pem`), pair.cert);
      writeFileSync(join(dir, `${name}.key`), pair.key);
    }
    writeFileSync(join(dir, "www", "mplist.xml"), mpListXml([...MPS]));
    writeFileSync(join(dir, "www", "mpcert.txt"), "308201A2300D06092A864886F70D");
    port = await closedPort();
    const servers =
      "  map $args $sms_aut_file { MPLIST /mplist.xml; MPCERT /mpcert.txt; default /none; }" +
      serverBlock(dir, port, CM01, 403) +
      serverBlock(dir, port, CM02, 500) +
      serverBlock(dir, port, CM03, 403);
    child = await startNginx(NGINX ?? "nginx", dir, nginxConfig(dir, servers), port);
    const file = join(dir, "site.json");
    writeFileSync(file, JSON.stringify(scenario()));
    args = [
      "probe",
      file,
      "--ca",
      ca.pair.certFile,
      "--timeout",
      "5s",
      ...MPS.flatMap((name) => ["--resolve", `${name}=127.0.0.1:${port}`]),
    ];
    json = runBin([...args, "--format", "json"]);
    probes = parseJson(json.stdout).probes as ProbeEntry[];
  });

  afterAll(async () => {
    await stopNginx(child);
    rmSync(dir, { recursive: true, force: true });
  });

  const probe = (server: string, path: string) => probes.find((p) => p.server === server && p.path === path);

  it("adds one row per management point a client group can use, after its MPLIST and MPCERT", () => {
    expect(probes.map((p) => `${p.server} ${p.role} ${p.path}`)).toEqual([
      `${CM01} managementPoint /SMS_MP/.sms_aut?MPLIST`,
      `${CM01} managementPoint /SMS_MP/.sms_aut?MPCERT`,
      `${CM01} managementPoint ${CLIENT_POLICY_PATH}`,
      `${CM02} managementPoint /SMS_MP/.sms_aut?MPLIST`,
      `${CM02} managementPoint /SMS_MP/.sms_aut?MPCERT`,
      `${CM02} managementPoint ${CLIENT_POLICY_PATH}`,
      `${CM03} managementPoint /SMS_MP/.sms_aut?MPLIST`,
      `${CM03} managementPoint /SMS_MP/.sms_aut?MPCERT`,
    ]);
    // The contract's row shape, as every other probe.
    expect(Object.keys(probe(CM01, CLIENT_POLICY_PATH) ?? {}).slice(0, 9)).toEqual([
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
  });

  it("passes an MP that refuses a request that is no client's, over verified TLS, and agrees with the model", () => {
    expect(probe(CM01, CLIENT_POLICY_PATH)).toMatchObject({
      url: `https://${CM01}${CLIENT_POLICY_PATH}`,
      ok: true,
      reason: null,
      status: 403,
      address: "127.0.0.1",
      advertisedManagementPoints: null,
      predicted: [{ group: "hq-clients", name: CM01, result: "ok", agreement: "agrees" }],
      agrees: true,
    });
  });

  it("fails an MP whose endpoint answers a server error, which contradicts the clients' prediction", () => {
    const cm02 = probe(CM02, CLIENT_POLICY_PATH);
    expect(cm02).toMatchObject({ ok: false, reason: "http-error", status: 500, agrees: false });
    expect(cm02?.detail).toContain("clients request policy");
    expect(cm02?.predicted).toEqual([
      { group: "branch-clients", name: CM02, result: "ok", agreement: "differs" },
    ]);
    // MPLIST answers there: only the client's own request shows the fault.
    expect(probe(CM02, "/SMS_MP/.sms_aut?MPLIST")?.ok).toBe(true);
    expect(json.code, json.stderr).toBe(1);
  });

  it("sends nginx one GET per client policy row and nothing a client would post", () => {
    const log = readFileSync(join(dir, "access.log"), "utf8");
    expect(log.match(new RegExp(`"GET ${CLIENT_POLICY_PATH} HTTP/1.1"`, "g"))).toHaveLength(2);
    expect(log).not.toMatch(/"(POST|CCM_POST) /);
  });

  it("prints the rows with the client groups' predictions only, and says what the row checks", () => {
    const table = runBin(args);
    expect(table.code).toBe(1);
    const rows = table.stdout.split("\n").filter((l) => l.includes(`│ MP   │ ${CLIENT_POLICY_PATH}`));
    expect(rows).toHaveLength(2);
    // Columns: hq-clients, branch-clients, lab-windows (the MDM group has no prediction here).
    const cells = (row: string | undefined) =>
      (row ?? "")
        .split("│")
        .slice(8, 11)
        .map((c) => c.trim());
    expect(cells(rows[0])).toEqual(["ok", "", ""]);
    expect(cells(rows[1])).toEqual(["", "ok ✗ differs", ""]);
    expect(table.stdout).toContain(`${CLIENT_POLICY_PATH}: where ConfigMgr clients request policy`);
  });
});
