// End to end against a server we did not write: Debian's nginx, configured here as a stand-in management
// point (static MPLIST and MPCERT answers chosen by the query string), enrollment proxy point and
// distribution point, with a certificate from a test CA; probed by the real bin/mdmsim.
// nginx runs as a non-daemon child on a loopback port and is stopped after the tests. In CI (CI=true)
// a missing nginx is a failure, never a silent skip: .ci/run installs it.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeEntry } from "../../src/probe/result.js";
import { parseJson, runBin, type CliOutcome } from "../helpers/cli.js";
import { findNginx, nginxConfig, startNginx, stopNginx } from "./helpers/nginx.js";
import { TestCa } from "./helpers/pki.js";
import { closedPort, mpListXml } from "./helpers/servers.js";

const NGINX = findNginx();
const IN_CI = process.env.CI === "true";
const MP_NAME = "cm01.nginx.mdmsim.test";
const WRONG_NAME = "cm02.nginx.mdmsim.test";

it.runIf(IN_CI)("nginx is installed in CI (.ci/run installs it; this test must not be skipped there)", () => {
  expect(NGINX, "nginx not found on PATH or in /usr/sbin").not.toBeNull();
});

function siteConfig(dir: string, port: number): string {
  return nginxConfig(
    dir,
    `
  # The management point's answers are chosen by the query string, as IIS's .sms_aut handler does.
  map $args $sms_aut_file { MPLIST /mplist.xml; MPCERT /mpcert.txt; default /none; }
  server {
    listen 127.0.0.1:${port} ssl;
    server_name ${MP_NAME};
    ssl_certificate ${dir}/mp.pem;
    ssl_certificate_key ${dir}/mp.key;
    root ${dir}/www;
    location = /SMS_MP/.sms_aut { try_files $sms_aut_file =404; }
    location = /EnrollmentServer/Discovery.svc { default_type text/html; return 200 "<html>Discovery</html>"; }
    location = / { return 403; }
    location / { return 404; }
  }
  # Same port, chosen by SNI: a certificate that names another host.
  server {
    listen 127.0.0.1:${port} ssl;
    server_name ${WRONG_NAME};
    ssl_certificate ${dir}/wrong.pem;
    ssl_certificate_key ${dir}/wrong.key;
    location / { return 403; }
  }`,
  );
}

describe.skipIf(NGINX === null)("probe against nginx (bin/mdmsim)", () => {
  let dir: string;
  let child: ChildProcess;
  let port: number;
  let caFile: string;
  let scenarioFile: string;
  let json: CliOutcome;
  let probes: ProbeEntry[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mdmsim-nginx-"));
    for (const sub of ["www", "tmp"]) mkdirSync(join(dir, sub));
    const ca = TestCa.create(dir, "ca", "mdmsim nginx Test Root CA");
    caFile = ca.pair.certFile;
    const mp = ca.issue({ names: [MP_NAME] });
    const wrong = ca.issue({ names: ["elsewhere.nginx.mdmsim.test"] });
    writeFileSync(join(dir, "mp.pem"), mp.cert);
    writeFileSync(join(dir, "mp.key"), mp.key);
    writeFileSync(join(dir, "wrong.pem"), wrong.cert);
    writeFileSync(join(dir, "wrong.key"), wrong.key);
    writeFileSync(join(dir, "www", "mplist.xml"), mpListXml([MP_NAME, "cm03.nginx.mdmsim.test"]));
    writeFileSync(join(dir, "www", "mpcert.txt"), "308201A2300D06092A864886F70D");
    port = await closedPort();
    scenarioFile = join(dir, "site.json");
    writeFileSync(
      scenarioFile,
      JSON.stringify({
        name: "nginx-lab",
        start: "2026-01-05T08:00:00Z",
        duration: "1h",
        site: {
          servers: [
            {
              name: MP_NAME,
              certificate: { issuer: "mdmsim nginx Test Root CA" },
              roles: {
                enrollmentProxyPoint: { https: true },
                distributionPoint: { https: true, allowMobileDevices: true },
                managementPoint: { https: true, allowMobileDevicesAndMacs: true },
              },
            },
            {
              name: WRONG_NAME,
              certificate: { issuer: "mdmsim nginx Test Root CA" },
              roles: { distributionPoint: { https: true, allowMobileDevices: true } },
            },
          ],
        },
        devices: [
          {
            name: "lab-windows",
            platform: "windows",
            count: 1,
            addresses: "10.9.0.0/24",
            trustedRoots: ["mdmsim nginx Test Root CA"],
          },
        ],
      }),
    );
    child = await startNginx(NGINX ?? "nginx", dir, siteConfig(dir, port), port);
    json = runBin([
      "probe",
      scenarioFile,
      "--format",
      "json",
      "--ca",
      caFile,
      "--timeout",
      "5s",
      "--resolve",
      `${MP_NAME}=127.0.0.1:${port}`,
      "--resolve",
      `${WRONG_NAME}=127.0.0.1:${port}`,
    ]);
    probes = parseJson(json.stdout).probes as ProbeEntry[];
  });

  afterAll(async () => {
    await stopNginx(child);
    rmSync(dir, { recursive: true, force: true });
  });

  const probe = (server: string, path: string) => {
    const found = probes.find((p) => p.server === server && p.path === path);
    if (found === undefined) throw new Error(`no probe of ${server}${path}`);
    return found;
  };

  it("reads nginx's static MPLIST over verified TLS and lists its management points beside the scenario's", () => {
    const mplist = probe(MP_NAME, "/SMS_MP/.sms_aut?MPLIST");
    expect(mplist.ok, mplist.detail ?? "").toBe(true);
    expect(mplist.status).toBe(200);
    expect(mplist.address).toBe("127.0.0.1");
    expect(mplist.port).toBe(port);
    expect(mplist.certificate?.issuer).toBe("mdmsim nginx Test Root CA");
    expect(mplist.advertisedManagementPoints).toEqual([MP_NAME, "cm03.nginx.mdmsim.test"]);
    expect(mplist.advertisedManagementPointsNotInScenario).toEqual(["cm03.nginx.mdmsim.test"]);
    expect(mplist.predicted.map((p) => p.agreement)).toEqual(["agrees"]);
  });

  it("gets MPCERT, the discovery service and the DP's answer", () => {
    expect(probe(MP_NAME, "/SMS_MP/.sms_aut?MPCERT")).toMatchObject({ ok: true, status: 200 });
    expect(probe(MP_NAME, "/EnrollmentServer/Discovery.svc")).toMatchObject({ ok: true, status: 200 });
    expect(probe(MP_NAME, "/")).toMatchObject({ ok: true, status: 403 });
  });

  it("rejects the certificate nginx presents for another name (SNI), and exits 1", () => {
    expect(probe(WRONG_NAME, "/")).toMatchObject({
      ok: false,
      reason: "certificate-name-mismatch",
      status: null,
    });
    expect(probe(WRONG_NAME, "/").predicted.map((p) => p.agreement)).toEqual(["differs"]);
    expect(json.code, json.stderr).toBe(1);
    expect(json.stderr).toBe("");
  });

  it("sent nginx exactly the requests of the scenario's roles", () => {
    const log = readFileSync(join(dir, "access.log"), "utf8");
    const lines = log.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    for (const path of [
      "/SMS_MP/.sms_aut?MPLIST",
      "/SMS_MP/.sms_aut?MPCERT",
      "/EnrollmentServer/Discovery.svc",
    ])
      expect(log).toContain(`"GET ${path} HTTP/1.1"`);
  });

  it("prints the table with the live results and exits 1 through the real program", () => {
    const table = runBin([
      "probe",
      scenarioFile,
      "--ca",
      caFile,
      "--resolve",
      `${MP_NAME}=127.0.0.1:${port}`,
      "--resolve",
      `${WRONG_NAME}=127.0.0.1:${port}`,
    ]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain("mdmsim probe: nginx-lab");
    expect(table.stdout).toMatch(/cm02\.nginx\.mdmsim\.test.*certificate-name-mismatch.*ok ✗ differs/);
  });
});
