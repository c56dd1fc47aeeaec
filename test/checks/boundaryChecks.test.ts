// The boundary entries: intranet DPs without ranges, ignored boundary types (one finding per boundary
// group), and addresses outside every mobile-enabled DP's ranges (for ConfigMgr clients: every DP's, and
// the default boundary group's).
import { describe, expect, it } from "vitest";
import {
  devicesOutsideBoundaries,
  dpNeedsBoundaries,
  uncoveredAddresses,
  unsupportedBoundaryType,
} from "../../src/checks/boundaryChecks.js";
import { build, CM01, group, type Draft } from "../helpers/ruleScenarios.js";
import { buildClients } from "../helpers/clientScenarios.js";
import { checkInput } from "../helpers/checkInput.js";

describe("uncoveredAddresses", () => {
  it("counts the gaps and finds the first uncovered address", () => {
    const range = { first: 10, last: 29 };
    expect(uncoveredAddresses(range, [])).toEqual({ count: 20, first: 10 });
    expect(uncoveredAddresses(range, [{ first: 0, last: 100 }])).toEqual({ count: 0, first: -1 });
    expect(
      uncoveredAddresses(range, [
        { first: 15, last: 19 },
        { first: 10, last: 12 },
      ]),
    ).toEqual({ count: 12, first: 13 });
  });
});

describe("boundary entries", () => {
  it("find nothing on a correct site", () => {
    const input = checkInput(build("windows"));
    for (const check of [dpNeedsBoundaries, unsupportedBoundaryType, devicesOutsideBoundaries])
      expect(check.hits(input)).toEqual([]);
  });

  it("dpNeedsBoundaries: an intranet DP in no group with a range", () => {
    const s = build("windows", (d) => {
      d.site.boundaryGroups = [];
    });
    expect(dpNeedsBoundaries.hits(checkInput(s))).toEqual([
      expect.objectContaining({ path: `site.servers.${CM01}.roles.distributionPoint`, severity: "error" }),
    ]);
  });

  it("unsupportedBoundaryType: one hit per boundary group, naming every ignored boundary", () => {
    const s = build("windows", (d) => {
      d.site.boundaries!.push(
        { name: "AD", type: "adSite", value: "X" },
        { name: "V", type: "vpn", value: "Y" },
      );
      d.site.boundaryGroups![0]!.boundaries!.push("AD");
      d.site.boundaryGroups![0]!.boundaries!.push("V");
    });
    expect(unsupportedBoundaryType.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: "site.boundaryGroups.HQ.boundaries",
        severity: "warning",
        message:
          'boundary group "HQ" serves on-prem MDM devices but holds boundaries "AD" of type adSite and "V" of type vpn, which on-prem MDM ignores',
      }),
    ]);
  });

  it("devicesOutsideBoundaries: the used addresses outside every range (a group without content)", () => {
    const s = build("windows", (d) => {
      group(d).addresses = "10.2.0.0/24";
      group(d).content = false;
    });
    expect(devicesOutsideBoundaries.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: "devices.w.addresses",
        severity: "warning",
        group: "w",
        message: expect.stringMatching(
          /^2 of 2 addresses used by group "w" \(first 10\.2\.0\.0\)/,
        ) as unknown,
      }),
    ]);
  });

  it("devicesOutsideBoundaries: an error for a content group none of whose addresses has a content location", () => {
    const outside = build("windows", (d) => {
      group(d).addresses = "10.2.0.0/24";
    });
    expect(devicesOutsideBoundaries.hits(checkInput(outside)).map((h) => h.severity)).toEqual(["error"]);
    // One device inside the range: it has a content location, so the rest is a warning.
    const partly = build("windows", (d) => {
      group(d).addresses = "10.1.255.255-10.2.0.255";
    });
    expect(devicesOutsideBoundaries.hits(checkInput(partly)).map((h) => h.severity)).toEqual(["warning"]);
  });
});

describe("devicesOutsideBoundaries for ConfigMgr clients", () => {
  const outside = (d: Draft) => {
    group(d).addresses = "10.2.0.0/24";
    group(d).content = true;
  };

  it("clients outside every boundary group with a DP, and no default boundary group: an error with content", () => {
    expect(devicesOutsideBoundaries.hits(checkInput(buildClients(outside)))).toEqual([
      {
        path: "devices.c.addresses",
        severity: "error",
        group: "c",
        message:
          '2 of 2 addresses used by group "c" (first 10.2.0.0) are in no IPv4 range boundary of a boundary group with a distribution point, and the default boundary group lists none; their content requests fail, and the group fetches content (content: true) with no content location at all',
        fix: expect.stringContaining("site.defaultBoundaryGroup") as string,
      },
    ]);
  });

  it("none when the default boundary group lists a DP (clients outside take content there)", () => {
    const s = buildClients(outside, (d) => {
      d.site.boundaryGroups!.push({ name: "Default", boundaries: [], servers: [CM01] });
      d.site.defaultBoundaryGroup = "Default";
    });
    expect(devicesOutsideBoundaries.hits(checkInput(s))).toEqual([]);
  });

  it("any DP covers clients (no mobile flag needed); a client group without addresses is named at its content", () => {
    expect(devicesOutsideBoundaries.hits(checkInput(buildClients()))).toEqual([]);
    const s = buildClients((d) => {
      delete group(d).addresses;
      group(d).content = true;
    });
    expect(devicesOutsideBoundaries.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: "devices.c.content",
        severity: "error",
        message:
          'group "c" has no addresses, so its clients are in no boundary group, and the default boundary group lists no distribution point: their content requests fail, and the group fetches content (content: true) with no content location at all',
      }),
    ]);
  });
});
