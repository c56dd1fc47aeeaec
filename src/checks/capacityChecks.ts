// Checks of scale and support: each MP's and DP's expected devices by the rules `run` uses (the assignment
// rule's shares, the content candidates), the site's totals and management points, and the end of support
// of on-prem MDM.
import { assignmentShares } from "../model/assignment.js";
import type { SiteModel } from "../model/site.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { Server } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";
import { contentDevices } from "./contentShares.js";
import { hasMdmGroups, serverPath } from "./labels.js";

/** The documented limits (Size and scale numbers). */
const LIMITS = {
  /** On-prem MDM devices, or Macs, on one management point (one kind or the other). */
  mdmPerMp: 10_000,
  /** Devices of every kind on one management point. */
  devicesPerMp: 25_000,
  /** Management points in a primary site. */
  mpsPerPrimary: 15,
  /** Clients of one distribution point. */
  clientsPerDp: 4_000,
} as const;

/** Each management point's expected devices by kind, by the assignment rule (boundary preference included). */
interface MpLoad {
  readonly mdm: number;
  readonly macs: number;
  readonly clients: number;
}

function managementPointLoads(site: SiteModel): MpLoad[] {
  const n = site.managementPoints.length;
  const mdm = new Float64Array(n);
  const macs = new Float64Array(n);
  const clients = new Float64Array(n);
  for (const g of site.groups) {
    const kind = isConfigMgrClient(g.group) ? clients : g.group.platform === "windows" ? mdm : macs;
    for (const [p, fraction] of assignmentShares(g, n)) kind[p] = (kind[p] ?? 0) + g.group.count * fraction;
  }
  return site.managementPoints.map((_, p) => ({
    mdm: Math.round(mdm[p] ?? 0),
    macs: Math.round(macs[p] ?? 0),
    clients: Math.round(clients[p] ?? 0),
  }));
}

interface Overloaded {
  readonly server: Server;
  readonly problems: readonly string[];
}

/**
 * `mp-capacity`: more on-prem MDM devices or Macs, or more kinds of them, on one MP than it supports; and the
 * mix limit: an MP that serves MDM devices or Macs serves 25,000 devices in all, ConfigMgr clients included.
 * ConfigMgr clients alone on an MP are `mp-client-capacity`'s.
 */
export const mpCapacity: Check = defineCheck<Overloaded>({
  severity: "warning",
  scope: "server role",
  source: SOURCES.scale,
  summary:
    "more than 10,000 on-prem MDM devices or 10,000 Macs, or both MDM devices and Macs, expected on one MP; or, on an MP that serves MDM devices or Macs, more than 25,000 devices in all, ConfigMgr clients included (the documented mix limit: 25,000 in all, of which 10,000 on-prem MDM devices or 10,000 Macs). ConfigMgr clients alone are `mp-client-capacity`'s",
  fixSummary: "add device management points and spread the groups across them",
  detect: ({ site }) =>
    managementPointLoads(site).flatMap(({ mdm: w, macs: m, clients: c }, p) => {
      const server = site.managementPoints[p];
      if (server === undefined || w + m === 0) return [];
      const total = w + m + c;
      const problems = [
        ...(w > LIMITS.mdmPerMp ? [`${w} on-prem MDM devices (supported: 10,000)`] : []),
        ...(m > LIMITS.mdmPerMp ? [`${m} Macs (supported: 10,000)`] : []),
        ...(w > 0 && m > 0
          ? [`both on-prem MDM devices (${w}) and Macs (${m}); an MP supports one kind or the other`]
          : []),
        ...(total > LIMITS.devicesPerMp
          ? [
              c > 0
                ? `${total} devices in all: ${c} ConfigMgr clients beside ${w} on-prem MDM devices and ${m} Macs (supported: 25,000 in all)`
                : `${total} devices in all (supported: 25,000)`,
            ]
          : []),
      ];
      return problems.length > 0 ? [{ server, problems }] : [];
    }),
  path: (o) => serverPath(o.server.name, "roles", "managementPoint"),
  message: (o) => `management point ${o.server.name} is expected to serve ${o.problems.join("; ")}`,
  fix: () => "Add device management points and spread the device groups across them",
});

interface ClientLoad {
  readonly server: Server;
  readonly clients: number;
}

/** `mp-client-capacity`: more ConfigMgr clients on one MP than it supports. */
export const mpClientCapacity: Check = defineCheck<ClientLoad>({
  severity: "warning",
  scope: "server role",
  source: SOURCES.scale,
  summary:
    "more than 25,000 ConfigMgr clients expected on one management point, by the assignment rule's shares (boundary groups, then the default boundary group, then every management point; fallback aside)",
  fixSummary:
    "add management points to the clients' boundary groups (up to 15 in a primary site) and spread the clients across them",
  detect: ({ site }) =>
    managementPointLoads(site).flatMap(({ clients }, p) => {
      const server = site.managementPoints[p];
      return server !== undefined && clients > LIMITS.devicesPerMp ? [{ server, clients }] : [];
    }),
  path: (l) => serverPath(l.server.name, "roles", "managementPoint"),
  message: (l) =>
    `management point ${l.server.name} is expected to serve ${l.clients} ConfigMgr clients (supported: 25,000)`,
  fix: () =>
    "Add management points to the boundary groups of these clients (Boundary Groups > Properties > References) and spread the clients across them",
});

/** `site-mp-count`: more management points in a primary site than it supports. */
export const siteMpCount: Check = defineCheck<number>({
  severity: "warning",
  scope: "site",
  source: SOURCES.scale,
  summary: "more than 15 management points in a primary site",
  fixSummary: "remove management points, or split the clients across primary sites in a hierarchy",
  detect: ({ scenario: { site } }) => {
    const mps = site.servers.filter((s) => s.roles.managementPoint !== undefined).length;
    return site.type === "primary" && mps > LIMITS.mpsPerPrimary ? [mps] : [];
  },
  path: () => "site.servers",
  message: (n) => `the primary site has ${n} management points (supported: 15)`,
  fix: () =>
    "Remove management points (a primary site supports 15), or split the clients across primary sites in a hierarchy",
});

interface DpLoad {
  readonly server: Server;
  readonly clients: number;
  readonly mdm: number;
}

/**
 * `dp-client-capacity`: more clients on one DP than it supports. Every ConfigMgr client of a group counts
 * (a client installs its software from a DP, whatever `content` says); MDM devices and Macs only in groups
 * that fetch content (`content: true`). Each device at the DPs it may take content from, as `run` draws.
 */
export const dpClientCapacity: Check = defineCheck<DpLoad>({
  severity: "warning",
  scope: "server role",
  source: SOURCES.scale,
  summary:
    "more than 4,000 clients expected on one distribution point, by the content rule's candidates (intranet devices: the DPs of the boundary groups listing their addresses, else of the default boundary group; internet devices: the DPs that accept internet connections), each device spread evenly over its candidates. Every ConfigMgr client counts (a client installs software from a DP); MDM devices and Macs count when their group fetches content (`content: true`)",
  fixSummary: "add distribution points to the boundary groups of these devices and spread them across them",
  detect: ({ site }) => {
    const n = site.distributionPoints.length;
    const clients = new Float64Array(n);
    const mdm = new Float64Array(n);
    for (const model of site.groups) {
      const client = isConfigMgrClient(model.group);
      if (!client && !model.group.content) continue;
      const kind = client ? clients : mdm;
      for (const [p, devices] of contentDevices(model)) kind[p] = (kind[p] ?? 0) + devices;
    }
    return site.distributionPoints.flatMap((server, p) => {
      const c = Math.round(clients[p] ?? 0);
      const m = Math.round(mdm[p] ?? 0);
      return c + m > LIMITS.clientsPerDp ? [{ server, clients: c, mdm: m }] : [];
    });
  },
  path: (l) => serverPath(l.server.name, "roles", "distributionPoint"),
  message: ({ server, clients, mdm }) => {
    const kinds = [
      ...(clients > 0 ? [`${clients} ConfigMgr clients`] : []),
      ...(mdm > 0 ? [`${mdm} on-prem MDM devices and Macs that fetch content`] : []),
    ];
    return `distribution point ${server.name} is expected to serve ${clients + mdm} clients (supported: 4,000): ${kinds.join(" and ")}`;
  },
  fix: () =>
    "Add distribution points to the boundary groups of these devices (Boundary Groups > Properties > References) and spread the devices across them",
});

interface SiteTotals {
  readonly windows: number;
  readonly macs: number;
}

/** `site-capacity`: more on-prem MDM devices or Macs in a stand-alone primary site than it supports. */
export const siteCapacity: Check = defineCheck<SiteTotals>({
  severity: "warning",
  scope: "site",
  source: SOURCES.scale,
  summary:
    "more than 50,000 on-prem MDM devices or 25,000 Macs in a stand-alone primary site (ConfigMgr clients are not counted)",
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

/** `out-of-support`: on-prem MDM devices or Macs are in the scenario; on-prem MDM is past its end of support. */
export const outOfSupport: Check = defineCheck<null>({
  severity: "info",
  scope: "site",
  source: SOURCES.deprecated,
  summary:
    "on-prem MDM devices or Macs are in the scenario: on-prem MDM, the enrollment roles and the macOS client are past their end of support; plan the move to Intune (a scenario of ConfigMgr clients alone has no such finding: they are supported)",
  fixSummary: "plan the move to Microsoft Intune (co-management)",
  detect: ({ scenario }) => (hasMdmGroups(scenario) ? [null] : []),
  path: () => "site",
  message: () =>
    "on-prem MDM, the enrollment point, the enrollment proxy point and the macOS client are past their end of support (deprecated in 2021-2022)",
  fix: () => "Plan the move to Microsoft Intune (co-management) for these devices",
});
