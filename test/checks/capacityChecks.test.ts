// The scale and support entries: each MP's expected devices by the assignment rule, the site's totals.
import { describe, expect, it } from "vitest";
import { mpCapacity, outOfSupport, siteCapacity } from "../../src/checks/capacityChecks.js";
import { build, CM01, group } from "../helpers/ruleScenarios.js";
import { checkInput } from "../helpers/checkInput.js";

describe("capacity entries", () => {
  it("find nothing for a small site; out-of-support is always there", () => {
    const input = checkInput(build("windows"));
    expect(mpCapacity.hits(input)).toEqual([]);
    expect(siteCapacity.hits(input)).toEqual([]);
    expect(outOfSupport.hits(input)).toEqual([expect.objectContaining({ path: "site", severity: "info" })]);
  });

  it("mpCapacity: more than 10,000 MDM devices on one MP", () => {
    const s = build("windows", (d) => {
      group(d).count = 12_000;
      group(d).addresses = "10.1.0.0/16";
    });
    expect(mpCapacity.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: `site.servers.${CM01}.roles.managementPoint`,
        severity: "warning",
        message: `management point ${CM01} is expected to serve 12000 on-prem MDM devices (supported: 10,000)`,
      }),
    ]);
  });

  it("siteCapacity: more than 50,000 MDM devices in a primary site", () => {
    const s = build("windows", (d) => {
      group(d).count = 60_000;
      group(d).addresses = "10.1.0.0/16";
    });
    expect(siteCapacity.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: "devices",
        message:
          "the stand-alone primary site has 60000 on-prem MDM devices and 0 Macs (supported: 50,000 and 25,000)",
      }),
    ]);
  });
});
