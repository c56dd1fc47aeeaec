// Checks of boundaries and boundary groups: intranet DPs need IPv4 range boundaries, other boundary types
// are ignored by on-prem MDM, and intranet devices outside every range get no content.
import { usedAddresses } from "../model/assignment.js";
import { formatIpv4, rangeSize, type Ipv4Range } from "../scenario/ipv4.js";
import type { DeviceGroup, Scenario, Server } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";
import { isDmp, isMobileDp } from "../model/rules.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { serverPath } from "./labels.js";

type Site = Scenario["site"];

function boundaryByName(site: Site): Map<string, Site["boundaries"][number]> {
  return new Map(site.boundaries.map((b) => [b.name, b]));
}

/** `dp-needs-boundaries`: an intranet DP in no boundary group with an IPv4 range boundary. */
export const dpNeedsBoundaries: Check = defineCheck<Server>({
  severity: "error",
  scope: "server role",
  source: SOURCES.boundaries,
  summary: "a DP that allows intranet connections is in no boundary group with an IPv4 range boundary",
  fixSummary: "add the DP to a boundary group that has an IPv4 range boundary",
  detect: ({ scenario: { site } }) => {
    const byName = boundaryByName(site);
    const hasRange = (names: readonly string[]) => names.some((n) => byName.get(n)?.type === "ipv4Range");
    return site.servers.filter((s) => {
      const dp = s.roles.distributionPoint;
      if (dp === undefined || dp.connections === "internet") return false;
      return !site.boundaryGroups.some((g) => g.servers.includes(s.name) && hasRange(g.boundaries));
    });
  },
  path: (s) => serverPath(s.name, "roles", "distributionPoint"),
  message: (s) =>
    `distribution point ${s.name} allows intranet connections but is in no boundary group with an IPv4 range boundary`,
  fix: () =>
    "Add the distribution point to a boundary group that has an IPv4 range boundary (Boundary Groups > Properties > References)",
});

interface IgnoredBoundaries {
  readonly group: string;
  /** Each ignored boundary as `"name" of type T`, in the group's order. */
  readonly boundaries: readonly string[];
}

/** `unsupported-boundary-type`: a boundary group serving MDM devices holds a boundary that is not an IPv4 range. */
export const unsupportedBoundaryType: Check = defineCheck<IgnoredBoundaries>({
  severity: "warning",
  scope: "boundary group",
  source: SOURCES.roles,
  summary:
    "a boundary group serving MDM devices holds a boundary of a type other than IPv4 range (it is ignored)",
  fixSummary: "add an IPv4 range boundary for the same addresses",
  detect: ({ scenario: { site } }) => {
    const byName = boundaryByName(site);
    const serves = (names: readonly string[]) =>
      names.some((name) => {
        const s = site.servers.find((x) => x.name === name);
        return s !== undefined && (isDmp(s) || isMobileDp(s));
      });
    return site.boundaryGroups
      .filter((g) => serves(g.servers))
      .flatMap((g) => {
        const ignored = g.boundaries.flatMap((name) => {
          const b = byName.get(name);
          return b === undefined || b.type === "ipv4Range" ? [] : [`"${b.name}" of type ${b.type}`];
        });
        return ignored.length > 0 ? [{ group: g.name, boundaries: ignored }] : [];
      });
  },
  path: (b) => `site.boundaryGroups.${b.group}.boundaries`,
  message: ({ group, boundaries }) => {
    const listed =
      boundaries.length === 1
        ? `boundary ${boundaries.join("")}`
        : `boundaries ${boundaries.slice(0, -1).join(", ")} and ${boundaries[boundaries.length - 1] ?? ""}`;
    return `boundary group "${group}" serves on-prem MDM devices but holds ${listed}, which on-prem MDM ignores`;
  },
  fix: () =>
    "Add an IPv4 range boundary for the same addresses: on-prem MDM supports only IPv4 range boundaries",
});

/** How many addresses of `range` no range of `covering` holds, and the first of them. */
export function uncoveredAddresses(
  range: Ipv4Range,
  covering: readonly Ipv4Range[],
): { count: number; first: number } {
  const sorted = [...covering].sort((a, b) => a.first - b.first);
  let cursor = range.first;
  let count = 0;
  let first = -1;
  for (const c of sorted) {
    if (c.last < cursor) continue;
    if (c.first > range.last) break;
    if (c.first > cursor) {
      if (first < 0) first = cursor;
      count += Math.min(c.first, range.last + 1) - cursor;
    }
    cursor = Math.max(cursor, c.last + 1);
    if (cursor > range.last) break;
  }
  if (cursor <= range.last) {
    if (first < 0) first = cursor;
    count += range.last - cursor + 1;
  }
  return { count, first };
}

interface Uncovered {
  readonly group: DeviceGroup;
  /** The addresses the group uses; undefined for a ConfigMgr client group without `addresses`. */
  readonly used: Ipv4Range | undefined;
  readonly count: number;
  readonly first: number;
  readonly client: boolean;
}

/** A group that fetches content and has no content location at all: not one of its addresses is covered. */
const noContentLocation = (u: Uncovered): boolean =>
  u.group.content && (u.used === undefined || u.count === rangeSize(u.used));

/**
 * `devices-outside-boundaries`: addresses of an intranet Windows group that no mobile-enabled DP's ranges
 * cover; for an intranet ConfigMgr client group, addresses no DP's boundary group covers when the default
 * boundary group lists no DP either (a client outside every boundary group takes content from the default
 * boundary group's DPs).
 */
export const devicesOutsideBoundaries: Check = defineCheck<Uncovered>({
  severity: "warning",
  severityNote:
    "error for a group with `content: true` none of whose addresses has a content location: every content request it makes fails",
  scope: "device group",
  source: SOURCES.roles,
  summary:
    "some addresses of an intranet Windows group fall in no IPv4 range boundary of a group with a mobile-enabled DP (their content requests fail); for an intranet ConfigMgr client group, in no IPv4 range boundary of a group with any DP while the default boundary group (`site.defaultBoundaryGroup`) lists no DP",
  fixSummary:
    "add an IPv4 range boundary covering them to a boundary group with a DP that allows mobile devices (for ConfigMgr clients, any DP; or give the default boundary group a DP)",
  // The ranges `run` draws content DPs from (the compiled site's boundary preferences), not a second reading.
  detect: ({ site }) =>
    site.groups.flatMap((model): Uncovered[] => {
      const { group } = model;
      const client = isConfigMgrClient(group);
      const used = usedAddresses(model);
      if (group.location !== "intranet" || (!client && group.platform !== "windows")) return [];
      // Outside every boundary group a client uses the default boundary group's DPs.
      if (client && model.defaultDps.length > 0) return [];
      if (used === undefined) return client ? [{ group, used, count: group.count, first: -1, client }] : [];
      const uncovered = uncoveredAddresses(
        used,
        model.dpPreferences.flatMap((p) => p.ranges),
      );
      return uncovered.count === 0 ? [] : [{ group, used, ...uncovered, client }];
    }),
  path: (u) => `devices.${u.group.name}.${u.used === undefined ? "content" : "addresses"}`,
  severityOf: (u) => (noContentLocation(u) ? "error" : "warning"),
  message: (u) => {
    const none = noContentLocation(u)
      ? ", and the group fetches content (content: true) with no content location at all"
      : "";
    if (u.used === undefined)
      return `group "${u.group.name}" has no addresses, so its clients are in no boundary group, and the default boundary group lists no distribution point: their content requests fail${none}`;
    const where = u.client
      ? "are in no IPv4 range boundary of a boundary group with a distribution point, and the default boundary group lists none"
      : "are in no IPv4 range boundary of a boundary group with a mobile-enabled distribution point";
    return `${u.count} of ${rangeSize(u.used)} addresses used by group "${u.group.name}" (first ${formatIpv4(u.first)}) ${where}; their content requests fail${none}`;
  },
  fix: (u) =>
    u.client
      ? "Add an IPv4 range boundary covering these addresses to a boundary group that lists a distribution point, or name a default boundary group with a distribution point (site.defaultBoundaryGroup)"
      : "Add an IPv4 range boundary covering these addresses to a boundary group that lists a distribution point allowing mobile devices",
  group: (u) => u.group.name,
});
