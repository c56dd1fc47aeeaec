// A static finding (checks.md): id, severity, where, what, how to fix, and the documentation it comes from;
// and the rule that makes one finding of each (id, path) out of everything a check detected there.
import { CHECK_IDS, type CheckId, type GroupEstimate, type Hit, type Severity } from "./catalogue.js";
import { smallest } from "../extremes.js";
import { someNames } from "../scenario/someNames.js";

export type { CheckId, GroupEstimate, Severity } from "./catalogue.js";
export { CHECK_IDS } from "./catalogue.js";

/** One finding of `mdmsim check`. */
export interface Finding {
  /** The catalogue id, e.g. `replica-early-failures`. */
  readonly id: CheckId;
  readonly severity: Severity;
  /** Where in the scenario, as an override path (`site.servers.cm01.corp.contoso.com.roles.managementPoint`). */
  readonly path: string;
  /** What is wrong, naming the offending values. */
  readonly message: string;
  /** What to change, in the console's words where there are some. */
  readonly fix: string;
  /** The documentation article the rule comes from. */
  readonly source: string;
  /** `replica-early-failures`: per device group the place serves, its expected figures. */
  readonly estimates?: readonly GroupEstimate[];
}

/** Severities from the most to the least urgent (the worst hit wins; check's table lists errors first). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** `group "a"`, `groups "a" and "b"`, `groups "a", "b" and "c"`; past a few, `… and 7 more` (`someNames`). */
export function groupList(names: readonly string[]): string {
  return `${names.length <= 1 ? "group" : "groups"} ${someNames(names, (n) => `"${n}"`, "more")}`;
}

/**
 * One finding per path (and part, for an entry that reports several at one path) out of a check's hits:
 * the most severe hits win; the first of them (detection order) speaks, and the other groups found at
 * that severity are named after it. Messages are never compared.
 */
export function findingsOf(id: CheckId, source: string, hits: readonly Hit[]): Finding[] {
  const byPath = new Map<string, Hit[]>();
  for (const hit of hits) {
    const place = hit.part === undefined ? hit.path : `${hit.path}\u0000${hit.part}`;
    const list = byPath.get(place);
    if (list === undefined) byPath.set(place, [hit]);
    else list.push(hit);
  }
  return [...byPath.values()].flatMap((list) => {
    const worst = smallest(list.map((h) => SEVERITY_RANK[h.severity]));
    const chosen = list.filter((h) => SEVERITY_RANK[h.severity] === worst);
    const lead = chosen[0];
    if (lead === undefined) return [];
    const others = [...new Set(chosen.map((h) => h.group))].filter(
      (g): g is string => g !== undefined && g !== lead.group,
    );
    const also = others.length > 0 ? ` (also ${groupList(others)})` : "";
    const finding: Finding = {
      id,
      severity: lead.severity,
      path: lead.path,
      message: `${lead.message}${also}`,
      fix: lead.fix,
      source,
      ...(lead.estimates !== undefined ? { estimates: lead.estimates } : {}),
    };
    return [finding];
  });
}

/** Findings in catalogue order, then by path: output never depends on the order checks ran in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const order = (id: CheckId) => CHECK_IDS.indexOf(id);
  return [...findings].sort(
    (a, b) => order(a.id) - order(b.id) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}
