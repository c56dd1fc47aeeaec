// Which management points a ConfigMgr client group can use, as clients.md says a client chooses them: the
// MPs of the boundary groups whose boundaries hold its address, else those of `site.defaultBoundaryGroup`
// (absent: every MP); an internet client, the MPs that accept internet connections; a pinned group, its
// management point. Over the whole group (every address it uses), and before fallback, which only moves a
// client among these. `probe` checks each of them "as a client would", beside the model's prediction.
import { boundaryEntries } from "../model/site.js";
import { isInternetDevice } from "../model/rules.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { parseIpv4Range, type Ipv4Range } from "../scenario/ipv4.js";
import type { DeviceGroup, Scenario } from "../scenario/schema.js";

/** Whether the ranges cover every address of `range` (sorted by their first address here). */
function covers(ranges: readonly Ipv4Range[], range: Ipv4Range): boolean {
  let next = range.first;
  for (const r of [...ranges].sort((a, b) => a.first - b.first)) {
    if (r.first > next) break;
    next = Math.max(next, r.last + 1);
    if (next > range.last) return true;
  }
  return next > range.last;
}

/**
 * The management points a ConfigMgr client group's clients can use (server names, in site order); empty
 * for an MDM group.
 * @param scenario - a validated scenario
 */
export function clientManagementPoints(scenario: Scenario, group: DeviceGroup): string[] {
  if (!isConfigMgrClient(group)) return [];
  const mps = scenario.site.servers.filter((s) => s.roles.managementPoint !== undefined);
  const names = new Set(mps.map((s) => s.name));
  if (group.managementPoint !== undefined && names.has(group.managementPoint)) return [group.managementPoint];
  if (isInternetDevice(group, "managementPoint"))
    return mps.filter((s) => s.roles.managementPoint?.connections !== "intranet").map((s) => s.name);
  const chosen = new Set<string>();
  const parsed = group.addresses === undefined ? undefined : parseIpv4Range(group.addresses);
  // The addresses the group's devices use: device i gets first + i, wrapping inside the range.
  const used =
    parsed === undefined
      ? undefined
      : { first: parsed.first, last: Math.min(parsed.last, parsed.first + group.count - 1) };
  const holding: Ipv4Range[] = [];
  if (used !== undefined)
    for (const entry of boundaryEntries(scenario)) {
      const listed = [...entry.servers].filter((s) => names.has(s));
      const touching = entry.ranges.filter((r) => r.first <= used.last && r.last >= used.first);
      if (listed.length === 0 || touching.length === 0) continue;
      for (const s of listed) chosen.add(s);
      holding.push(...touching);
    }
  // Addresses no boundary group with a management point holds use the default boundary group's.
  if (used === undefined || !covers(holding, used)) {
    const fallback = scenario.site.boundaryGroups.find((g) => g.name === scenario.site.defaultBoundaryGroup);
    const defaults = (fallback?.servers ?? []).filter((s) => names.has(s));
    for (const s of fallback === undefined || defaults.length === 0 ? names : defaults) chosen.add(s);
  }
  return mps.filter((s) => chosen.has(s.name)).map((s) => s.name);
}

/** For each management point some ConfigMgr client group can use, those groups (scenario order). */
export function clientGroupsByManagementPoint(scenario: Scenario): Map<string, string[]> {
  const byServer = new Map<string, string[]>();
  for (const group of scenario.devices)
    for (const server of clientManagementPoints(scenario, group)) {
      const groups = byServer.get(server) ?? [];
      groups.push(group.name);
      byServer.set(server, groups);
    }
  return byServer;
}
