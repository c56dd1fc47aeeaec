// Words and places findings share: how the console names roles and connection settings, a server's
// override path, a check table entry for a reachability rule's failing contacts, and whether a scenario
// has on-prem MDM devices at all.
import type { Reason } from "../model/reasons.js";
import type { Contact } from "../model/rules.js";
import { ROLE_LABEL } from "../model/roleLabel.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { Scenario } from "../scenario/schema.js";
import { defineCheck, type Check, type CheckEntry, type FailingContact } from "./catalogue.js";

export { ROLE_LABEL };

/**
 * Whether the scenario has on-prem MDM devices or Macs (a group that is not a ConfigMgr client): what the
 * enrollment roles, the mobile flags and the end of support of on-prem MDM are about.
 */
export function hasMdmGroups(scenario: Scenario): boolean {
  return scenario.devices.some((g) => !isConfigMgrClient(g));
}

/** The console's words for each `connections` value. */
export const CONNECTIONS_LABEL = {
  intranet: '"Allow intranet-only connections"',
  internet: '"Allow internet-only connections"',
  intranetAndInternet: '"Allow intranet and internet connections"',
} as const;

/** The override path of a server, a role, or a server field. */
export function serverPath(server: string, ...rest: string[]): string {
  return ["site.servers", server, ...rest].join(".");
}

/** The override path of a contact's role on its server. */
export function rolePath(contact: Contact): string {
  return serverPath(contact.server.name, "roles", contact.role);
}

/** `group "hq"`: how a message names a contact's group. */
export function groupLabel(contact: Contact): string {
  return `group "${contact.group.name}"`;
}

/** `management point cm01.corp.contoso.com`. */
export function roleLabel(contact: Contact): string {
  return `${ROLE_LABEL[contact.role]} ${contact.server.name}`;
}

type ContactEntry = Omit<CheckEntry<Contact>, "detect" | "severity" | "group"> &
  Partial<Pick<CheckEntry<Contact>, "severity">>;

/** A table entry whose subjects are the contacts that fail with `reason` (an error unless said otherwise). */
export function contactCheck(reason: Reason, entry: ContactEntry): Check {
  return defineCheck<Contact>({
    severity: "error",
    ...entry,
    detect: (input) =>
      input.contacts.filter((c: FailingContact) => c.reason === reason).map((c) => c.contact),
    group: (contact) => contact.group.name,
  });
}
