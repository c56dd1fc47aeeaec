// The boundary entries: intranet DPs without ranges, ignored boundary types (one finding per boundary
// group), and addresses outside every mobile-enabled DP's ranges.
import { describe, expect, it } from "vitest";
import {
  devicesOutsideBoundaries,
  dpNeedsBoundaries,
  uncoveredAddresses,
  unsupportedBoundaryType,
} from "../../src/checks/boundaryChecks.js";
import { build, CM01, group } from "../helpers/ruleScenarios.js";
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
