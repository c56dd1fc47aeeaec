// The contacts each device group would make, chosen as `run` chooses them, that a configuration rule
// fails: the same rule code (`staticContactReason`) that fails a try in `run` is the finding in `check`.
import { managementPointCandidates, usedAddresses } from "../model/assignment.js";
import type { Reason } from "../model/reasons.js";
import { isDmp, staticContactReason, type Contact, type RoleName } from "../model/rules.js";
import type { GroupModel, SiteModel } from "../model/site.js";
import type { Ipv4Range } from "../scenario/ipv4.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { Server } from "../scenario/schema.js";
import { uncoveredAddresses } from "./boundaryChecks.js";
import type { FailingContact } from "./catalogue.js";

function overlaps(ranges: readonly Ipv4Range[], model: GroupModel): boolean {
  const used = usedAddresses(model);
  return used !== undefined && ranges.some((r) => r.first <= used.last && r.last >= used.first);
}

/** Whether some address the group uses is in no boundary group's range (or the group has no addresses). */
function someUnlisted(model: GroupModel): boolean {
  const used = usedAddresses(model);
  return (
    used === undefined ||
    uncoveredAddresses(
      used,
      model.dpPreferences.flatMap((p) => p.ranges),
    ).count > 0
  );
}

function failing(
  site: SiteModel,
  model: GroupModel,
  server: Server,
  role: RoleName,
  pinned = false,
): FailingContact | null {
  const contact: Contact = {
    group: model.group,
    server,
    role,
    startMs: site.startMs,
    site: site.scenario.site,
  };
  const reason = staticContactReason(contact);
  return reason === null ? null : { contact, reason, pinned };
}

function groupContacts(site: SiteModel, model: GroupModel): FailingContact[] {
  const out: FailingContact[] = [];
  const push = (f: FailingContact | null) => {
    if (f) out.push(f);
  };
  const client = isConfigMgrClient(model.group);
  // Enrollment: a device picks any EPP it can reach; it fails only when it can reach none (the first speaks).
  // A ConfigMgr client registers at a management point: no EPP is involved.
  const epps = client
    ? []
    : site.enrollmentProxyPoints.map((s) => failing(site, model, s, "enrollmentProxyPoint"));
  if (epps.length > 0 && epps.every((f) => f !== null)) push(epps[0] ?? null);
  // A group pinned to an MP uses that one and no other: whatever fails there fails every device.
  const pinned = model.pinned !== undefined;
  for (const p of managementPointCandidates(model, site.managementPoints.length)) {
    const server = site.managementPoints[p];
    if (server) push(failing(site, model, server, "managementPoint", pinned));
  }
  if (!pinned && model.eligible.length === 0) {
    // No DMP is eligible, so the devices fall back to the first MP: what keeps each DMP out is the fix. A
    // ConfigMgr client uses any management point: what keeps each of them out.
    for (const server of site.managementPoints.filter((s) => client || isDmp(s)))
      push(failing(site, model, server, "managementPoint"));
  }
  if (!model.group.content) return out;
  // Intranet devices: the DPs of the boundary groups listing their addresses; those no boundary group lists
  // (a client's) the default boundary group's.
  const dps = model.internetDps ?? [
    ...new Set([
      ...model.dpPreferences.filter((p) => overlaps(p.ranges, model)).flatMap((p) => p.positions),
      ...(someUnlisted(model) ? model.defaultDps : []),
    ]),
  ];
  for (const p of dps) {
    const server = site.distributionPoints[p];
    if (server) push(failing(site, model, server, "distributionPoint"));
  }
  if (model.internetDps !== null && model.internetDps.length === 0 && model.group.platform !== "windows") {
    // Macs and internet clients take content only from DPs that allow internet connections, and there is none.
    const reason: Reason = client ? "connection-type-not-allowed" : "macos-requires-internet-connections";
    for (const server of site.distributionPoints) {
      const contact: Contact = {
        group: model.group,
        server,
        role: "distributionPoint",
        startMs: site.startMs,
        site: site.scenario.site,
      };
      out.push({ contact, reason, pinned: false });
    }
  }
  return out;
}

/** Every failing contact of every group, group by group in scenario order. */
export function failingContacts(site: SiteModel): FailingContact[] {
  return site.groups.flatMap((model) => groupContacts(site, model));
}
