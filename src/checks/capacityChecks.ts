// Checks of scale and support: each MP's expected devices by the assignment rule `run` uses, the site's
// totals, and the end of support of on-prem MDM.
import { assignmentShares } from "../model/assignment.js";
import type { Server } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";
import { serverPath } from "./labels.js";

interface Overloaded {
  readonly server: Server;
  readonly problems: readonly string[];
}

/** `mp-capacity`: more devices, or more kinds of devices, on one MP than it supports. */
export const mpCapacity: Check = defineCheck<Overloaded>({
  severity: "warning",
  scope: "server role",
  source: SOURCES.scale,
  summary:
    "more than 10,000 on-prem MDM devices, or both MDM devices and Macs, or more than 25,000 devices expected on one MP",
  fixSummary: "add device management points and spread the groups across them",
  detect: ({ site }) => {
    const mdm = new Float64Array(site.managementPoints.length);
    const macs = new Float64Array(site.managementPoints.length);
    for (const g of site.groups) {
      // Each MP's expected devices by the assignment rule (boundary preference included), as `run` assigns them.
      for (const [p, fraction] of assignmentShares(g, site.managementPoints.length)) {
        const share = g.group.count * fraction;
        if (g.group.platform === "windows") mdm[p] = (mdm[p] ?? 0) + share;
        else macs[p] = (macs[p] ?? 0) + share;
      }
    }
    return site.managementPoints.flatMap((server, p) => {
      const w = Math.round(mdm[p] ?? 0);
      const m = Math.round(macs[p] ?? 0);
      const problems = [
        ...(w > 10_000 ? [`${w} on-prem MDM devices (supported: 10,000)`] : []),
        ...(m > 10_000 ? [`${m} Macs (supported: 10,000)`] : []),
        ...(w > 0 && m > 0
          ? [`both on-prem MDM devices (${w}) and Macs (${m}); an MP supports one kind or the other`]
          : []),
        ...(w + m > 25_000 ? [`${w + m} devices in all (supported: 25,000)`] : []),
      ];
      return problems.length > 0 ? [{ server, problems }] : [];
    });
  },
  path: (o) => serverPath(o.server.name, "roles", "managementPoint"),
  message: (o) => `management point ${o.server.name} is expected to serve ${o.problems.join("; ")}`,
  fix: () => "Add device management points and spread the device groups across them",
});

interface SiteTotals {
  readonly windows: number;
  readonly macs: number;
}

/** `site-capacity`: more devices in a stand-alone primary site than it supports. */
export const siteCapacity: Check = defineCheck<SiteTotals>({
  severity: "warning",
  scope: "site",
  source: SOURCES.scale,
  summary: "more than 50,000 on-prem MDM devices or 25,000 Macs in a stand-alone primary site",
  fixSummary: "split the devices across primary sites in a hierarchy",
  detect: ({ scenario }) => {
    const count = (platform: string) =>
      scenario.devices.filter((g) => g.platform === platform).reduce((n, g) => n + g.count, 0);
    const totals = { windows: count("windows"), macs: count("macos") };
    return scenario.site.type === "primary" && (totals.windows > 50_000 || totals.macs > 25_000)
      ? [totals]
      : [];
  },
  path: () => "devices",
  message: (t) =>
    `the stand-alone primary site has ${t.windows} on-prem MDM devices and ${t.macs} Macs (supported: 50,000 and 25,000)`,
  fix: () => "Split the devices across primary sites in a hierarchy",
});

/** `out-of-support`: always; on-prem MDM is past its end of support. */
export const outOfSupport: Check = defineCheck<null>({
  severity: "info",
  scope: "site",
  source: SOURCES.deprecated,
  summary:
    "on-prem MDM, the enrollment roles and the macOS client are past their end of support; plan the move to Intune",
  fixSummary: "plan the move to Microsoft Intune (co-management)",
  detect: () => [null],
  path: () => "site",
  message: () =>
    "on-prem MDM, the enrollment point, the enrollment proxy point and the macOS client are past their end of support (deprecated in 2021-2022)",
  fix: () => "Plan the move to Microsoft Intune (co-management) for these devices",
});
