// Which management points a ConfigMgr client group can use: the model's own assignment rule (its pool by
// boundary group, else the site's default boundary group, else every eligible MP; a pinned group its MP),
// over every address the group uses, before fallback, which only moves a client among the candidates. `probe`
// checks each of them "as a client would", beside the model's prediction.
import { assignmentShares } from "../model/assignment.js";
import { compileSite, type SiteModel } from "../model/site.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { DeviceGroup, Scenario } from "../scenario/schema.js";

/** The management points (server names, site order) the assignment rule gives a compiled group's clients. */
function poolNames(site: SiteModel, position: number): string[] {
  const model = site.groups[position];
  if (model === undefined || !isConfigMgrClient(model.group)) return [];
  const shares = assignmentShares(model, site.managementPoints.length);
  return [...shares.keys()].sort((a, b) => a - b).flatMap((p) => site.managementPoints[p]?.name ?? []);
}

/**
 * The management points a ConfigMgr client group's clients can use (server names, in site order); empty
 * for an MDM group.
 * @param scenario - a validated scenario
 */
export function clientManagementPoints(scenario: Scenario, group: DeviceGroup): string[] {
  const position = scenario.devices.findIndex((g) => g.name === group.name);
  return position < 0 ? [] : poolNames(compileSite(scenario, scenario.seed), position);
}

/** For each management point some ConfigMgr client group can use, those groups (scenario order). */
export function clientGroupsByManagementPoint(scenario: Scenario): Map<string, string[]> {
  const byServer = new Map<string, string[]>();
  if (!scenario.devices.some(isConfigMgrClient)) return byServer;
  const site = compileSite(scenario, scenario.seed);
  scenario.devices.forEach((group, position) => {
    for (const server of poolNames(site, position)) {
      const groups = byServer.get(server) ?? [];
      groups.push(group.name);
      byServer.set(server, groups);
    }
  });
  return byServer;
}
