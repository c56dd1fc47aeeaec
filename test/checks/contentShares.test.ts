// Each DP's expected devices of a group, as the content rule draws them: by address, edge to edge.
import { describe, expect, it } from "vitest";
import { contentDevices } from "../../src/checks/contentShares.js";
import { compileSite } from "../../src/model/site.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { buildClients, clientGroup, CM02, dpServer } from "../helpers/clientScenarios.js";
import type { Draft } from "../helpers/ruleScenarios.js";

const devices = (s: Scenario, group = 0) =>
  Object.fromEntries(contentDevices(compileSite(s, s.seed).groups[group]!));

/** cm02 holds a DP in boundary group Branch (10.2.0.0/16). */
const branch = (d: Draft) => {
  d.site.servers.push(dpServer(CM02));
  d.site.boundaries!.push({ name: "Branch", type: "ipv4Range", value: "10.2.0.0/16" });
  d.site.boundaryGroups!.push({ name: "Branch", boundaries: ["Branch"], servers: [CM02] });
};

describe("contentDevices", () => {
  it("every device at the DP of the boundary group listing its address", () => {
    expect(devices(buildClients())).toEqual({ 0: 2 });
  });

  it("splits a range across boundary groups by address, cycles included", () => {
    // 10.1.255.254–10.2.0.1: two addresses in HQ, two in Branch; 10 devices cycle through the four.
    const s = buildClients(branch, (d) => {
      d.devices = [clientGroup("c", 10, { addresses: "10.1.255.254-10.2.0.1" })];
    });
    // Offsets 0 and 1 (HQ) are used 3 times each, offsets 2 and 3 (Branch) twice each.
    expect(devices(s)).toEqual({ 0: 6, 1: 4 });
  });

  it("spreads a device evenly over the DPs of its boundary groups", () => {
    const s = buildClients(branch, (d) => {
      d.site.boundaryGroups![0]!.servers!.push(CM02);
    });
    expect(devices(s)).toEqual({ 0: 1, 1: 1 });
  });

  it("counts nowhere the devices without a content location", () => {
    const s = buildClients((d) => {
      d.devices = [clientGroup("c", 3, { addresses: "10.9.0.0/24" })];
    });
    expect(devices(s)).toEqual({});
  });
});
