// The management points a ConfigMgr client group can use (its boundary groups', else the default boundary
// group's, else every one; internet clients the internet-facing ones; a pinned group its own), the client
// policy probe each gets, and the predictions beside it: only those groups'.
import { describe, expect, it } from "vitest";
import {
  clientGroupsByManagementPoint,
  clientManagementPoints,
} from "../../src/probe/clientManagementPoints.js";
import type { ProbeObservation } from "../../src/probe/observation.js";
import { buildProbeReport } from "../../src/probe/result.js";
import { CLIENT_POLICY_PATH, probeTargets } from "../../src/probe/targets.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario, ScenarioInput } from "../../src/scenario/schema.js";

type GroupInput = ScenarioInput["devices"][number];

const MPS = ["mp1.corp.contoso.com", "mp2.corp.contoso.com", "mp3.corp.contoso.com"];

/**
 * Three MPs (mp3 internet-facing); HQ with mp1, Branch with mp2 (its annex right after HQ's range), Lab
 * with no MP; `extra` adds to the site.
 */
function site(devices: GroupInput[], extra: Partial<ScenarioInput["site"]> = {}): Scenario {
  return loadScenario({
    name: "clients",
    duration: "1h",
    site: {
      servers: MPS.map((name, i) => ({
        name,
        roles: {
          managementPoint: {
            https: true,
            ...(i === 2 ? { connections: "intranetAndInternet" as const } : {}),
          },
        },
      })),
      boundaries: [
        { name: "hq", type: "ipv4Range", value: "10.1.0.1-10.1.0.254" },
        { name: "branch", type: "ipv4Range", value: "10.2.0.1-10.2.0.254" },
        { name: "annex", type: "ipv4Range", value: "10.1.0.255-10.1.1.255" },
        { name: "lab", type: "ipv4Range", value: "10.3.0.1-10.3.0.254" },
        { name: "hq-subnet", type: "ipSubnet", value: "10.4.0.0" },
      ],
      boundaryGroups: [
        { name: "HQ", boundaries: ["hq", "hq-subnet"], servers: [MPS[0] ?? ""] },
        { name: "Branch", boundaries: ["branch", "annex"], servers: [MPS[1] ?? ""] },
        { name: "Lab", boundaries: ["lab"], servers: [] },
      ],
      ...extra,
    },
    devices,
  });
}

const client = (name: string, extra: Partial<GroupInput> = {}): GroupInput => ({
  name,
  platform: "configmgr-client",
  count: 10,
  ...extra,
});

function usable(scenario: Scenario, group: string): string[] {
  const g = scenario.devices.find((d) => d.name === group);
  if (g === undefined) throw new Error(`no group ${group}`);
  return clientManagementPoints(scenario, g).map((s) => s.split(".")[0] ?? "");
}

describe("clientManagementPoints", () => {
  it("takes the MPs of the boundary groups whose boundaries hold the group's addresses", () => {
    const s = site([
      client("hq", { addresses: "10.1.0.1-10.1.0.200" }),
      // HQ's last addresses, then Branch's annex: both groups hold them, none is left to the default.
      client("both", { addresses: "10.1.0.250-10.1.1.5", count: 12 }),
    ]);
    expect(usable(s, "hq")).toEqual(["mp1"]);
    expect(usable(s, "both")).toEqual(["mp1", "mp2"]);
  });

  it("adds the default boundary group's MPs for addresses no group with an MP holds; absent, every MP", () => {
    const devices = [
      client("partly-out", { addresses: "10.1.0.250-10.1.3.9", count: 600 }),
      client("lab", { addresses: "10.3.0.1-10.3.0.9" }),
      client("no-addresses"),
      // Only the addresses the devices use count: 10 devices stay inside HQ's range.
      client("few", { addresses: "10.1.0.1-10.9.0.0" }),
    ];
    const withDefault = site(devices, { defaultBoundaryGroup: "Branch" });
    expect(usable(withDefault, "partly-out")).toEqual(["mp1", "mp2"]);
    expect(usable(withDefault, "lab")).toEqual(["mp2"]);
    expect(usable(withDefault, "no-addresses")).toEqual(["mp2"]);
    expect(usable(withDefault, "few")).toEqual(["mp1"]);
    const without = site(devices);
    expect(usable(without, "lab")).toEqual(["mp1", "mp2", "mp3"]);
    expect(usable(without, "partly-out")).toEqual(["mp1", "mp2", "mp3"]);
    // A default boundary group without an MP leaves every MP.
    expect(usable(site(devices, { defaultBoundaryGroup: "Lab" }), "lab")).toEqual(["mp1", "mp2", "mp3"]);
  });

  it("gives internet clients the internet-facing MPs, a pinned group its MP, MDM groups none", () => {
    const s = site([
      client("roaming", { location: "internet" }),
      client("pinned", { addresses: "10.1.0.1-10.1.0.9", managementPoint: MPS[1] ?? "" }),
      { name: "mdm", platform: "windows", count: 1, addresses: "10.1.0.1-10.1.0.9" },
    ]);
    expect(usable(s, "roaming")).toEqual(["mp3"]);
    expect(usable(s, "pinned")).toEqual(["mp2"]);
    expect(usable(s, "mdm")).toEqual([]);
    expect([...clientGroupsByManagementPoint(s)]).toEqual([
      [MPS[2], ["roaming"]],
      [MPS[1], ["pinned"]],
    ]);
  });
});

describe("the client policy probe", () => {
  const answered = (status: number): ProbeObservation => ({
    address: "10.1.0.5",
    port: 443,
    tcpConnectMs: 1,
    tlsHandshakeMs: 4,
    tlsProtocol: "TLSv1.3",
    certificate: null,
    status,
    contentType: "text/xml",
    body: new TextEncoder().encode("<MPList/>"),
    bodyTruncated: false,
    latencyMs: 12,
    error: null,
  });

  it("is a target of each MP some client group can use, for those groups only", () => {
    const s = site([
      client("hq", { addresses: "10.1.0.1-10.1.0.9" }),
      client("branch", { addresses: "10.2.0.1-10.2.0.9" }),
      { name: "mdm", platform: "windows", count: 1, addresses: "10.1.0.1-10.1.0.9" },
    ]);
    const targets = probeTargets(s);
    const policy = targets.filter((t) => t.check === "clientPolicy");
    expect(policy.map((t) => [t.server, t.role, t.url, t.groups])).toEqual([
      [MPS[0], "managementPoint", `https://${MPS[0]}${CLIENT_POLICY_PATH}`, ["hq"]],
      [MPS[1], "managementPoint", `https://${MPS[1]}${CLIENT_POLICY_PATH}`, ["branch"]],
    ]);
    // Every other probe compares every group, as before.
    expect(targets.filter((t) => t.check !== "clientPolicy").every((t) => t.groups === undefined)).toBe(true);

    const report = buildProbeReport(
      s,
      targets,
      targets.map((t) => answered(t.check === "clientPolicy" && t.server === MPS[1] ? 500 : 403)),
    );
    const rows = report.probes.filter((p) => p.path === CLIENT_POLICY_PATH);
    expect(
      rows.map((p) => [p.server, p.ok, p.status, p.predicted.map((x) => `${x.group} ${x.agreement}`)]),
    ).toEqual([
      [MPS[0], true, 403, ["hq agrees"]],
      [MPS[1], false, 500, ["branch differs"]],
    ]);
  });

  it("is no target of a scenario without client groups", () => {
    const s = site([{ name: "mdm", platform: "windows", count: 1, addresses: "10.1.0.1-10.1.0.9" }]);
    expect(probeTargets(s).map((t) => t.path)).not.toContain(CLIENT_POLICY_PATH);
  });
});
