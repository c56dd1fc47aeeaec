// The table format of `probe`: each live result beside each device group's prediction, disagreements
// marked, then the failures in words and the management points an MPLIST answer advertises.
import type { RoleName } from "../model/rules.js";
import type { Scenario } from "../scenario/schema.js";
import { paragraph, section, table, type Cell } from "../report/layout.js";
import type { TerminalOptions } from "../report/terminal.js";
import type { GroupPrediction } from "./compare.js";
import type { ProbeEntry, ProbeReport } from "./result.js";
import { CLIENT_POLICY_PATH } from "./targets.js";

const SHORT: Readonly<Record<RoleName, string>> = {
  enrollmentProxyPoint: "EPP",
  enrollmentPoint: "EP",
  distributionPoint: "DP",
  managementPoint: "MP",
};

/** The mark after a prediction that the live result contradicts. */
export const DIFFERS_MARK = "✗ differs";
/** The mark after a prediction a probe cannot check. */
export const NOT_CHECKABLE_MARK = "?";

function predictionCell(p: GroupPrediction | undefined): Cell {
  if (p === undefined) return "";
  if (p.agreement === "differs") return { text: `${p.result} ${DIFFERS_MARK}`, tone: "bad" };
  if (p.agreement === "not-checkable") return `${p.result} ${NOT_CHECKABLE_MARK}`;
  return p.result;
}

function addressCell(e: ProbeEntry): string {
  if (e.address === null) return "–";
  const host = e.address.includes(":") ? `[${e.address}]` : e.address;
  return e.port === null ? host : `${host}:${e.port}`;
}

function mainTable(entries: readonly ProbeEntry[], groups: readonly string[], o: TerminalOptions): string {
  const head: Cell[] = [
    "server",
    "role",
    "path",
    "address",
    "live",
    "status",
    "latency",
    ...groups.map((g) => ({ text: [g, "(model)"] })),
  ];
  const rows = entries.map((e): Cell[] => [
    e.server,
    SHORT[e.role],
    e.path,
    addressCell(e),
    e.ok ? { text: "ok", tone: "good" } : { text: e.reason ?? "", tone: "bad" },
    e.status === null ? "–" : String(e.status),
    `${e.latencyMs} ms`,
    ...groups.map((g) => predictionCell(e.predicted.find((p) => p.group === g))),
  ]);
  return table(head, rows, o);
}

function managementPointTables(
  entries: readonly ProbeEntry[],
  scenarioMps: readonly string[],
  o: TerminalOptions,
): string {
  let out = "";
  for (const e of entries) {
    if (e.advertisedManagementPoints === null) continue;
    const advertised = e.advertisedManagementPoints;
    const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
    const inScenario = lower(scenarioMps);
    const inAnswer = lower(advertised);
    const all = [...scenarioMps, ...advertised.filter((a) => !inScenario.has(a.toLowerCase()))];
    const mark = (yes: boolean): Cell => (yes ? "yes" : { text: "no ✗", tone: "bad" });
    const rows = all.map((mp) => [
      mp,
      mark(inScenario.has(mp.toLowerCase())),
      mark(inAnswer.has(mp.toLowerCase())),
    ]);
    out +=
      "\n" +
      section(
        `Management points: the scenario beside ${e.server}'s MPLIST answer`,
        table(["management point", "in scenario", "advertised"], rows, o),
        o,
      );
  }
  return out;
}

/**
 * Renders the probe document as tables.
 * @param scenario - names the title, one prediction column per device group, and the management points
 *   an MPLIST answer is compared with
 * @param quiet - show only probes that failed or differ from the model
 */
export function renderProbeTable(
  scenario: Scenario,
  report: ProbeReport,
  quiet = false,
  options: TerminalOptions = {},
): string {
  const groups = scenario.devices.map((g) => g.name);
  const scenarioMps = scenario.site.servers
    .filter((s) => s.roles.managementPoint !== undefined)
    .map((s) => s.name);
  const all = report.probes;
  const shown = quiet ? all.filter((e) => !e.ok || !e.agrees) : all;
  const failed = all.filter((e) => !e.ok);
  const differing = all.filter((e) => !e.agrees);
  let out = "";
  if (shown.length > 0) {
    out += section(
      `mdmsim probe: ${scenario.name} (live now, beside the model's rules at t = 0 s)`,
      mainTable(shown, groups, options),
      options,
    );
    const marks = shown.flatMap((e) => e.predicted.map((p) => p.agreement));
    const legend: string[] = [];
    if (marks.includes("differs"))
      legend.push(`${DIFFERS_MARK}: the live result contradicts this prediction`);
    if (marks.includes("not-checkable"))
      legend.push(
        `${NOT_CHECKABLE_MARK}: a probe cannot check this prediction (a role setting, the device side, or another name)`,
      );
    if (shown.some((e) => e.path === CLIENT_POLICY_PATH))
      legend.push(
        `${CLIENT_POLICY_PATH}: where ConfigMgr clients request policy; the probe is no registered client and sends a GET, so any answer but a server error or a redirect passes; beside it, the client groups that can use that management point`,
      );
    if (legend.length > 0) out += legend.map((line) => paragraph(line, options)).join("\n") + "\n";
  }
  // Every failed probe is shown, quiet or not.
  if (failed.length > 0)
    out +=
      "\n" +
      section(
        "Failures",
        table(
          ["server", "path", "reason", "detail"],
          failed.map((e): Cell[] => [
            e.server,
            e.path,
            { text: e.reason ?? "", tone: "bad" },
            e.detail ?? "",
          ]),
          options,
        ),
        options,
      );
  const mpEntries = quiet
    ? all.filter(
        (e) =>
          (e.scenarioManagementPointsNotAdvertised?.length ?? 0) > 0 ||
          (e.advertisedManagementPointsNotInScenario?.length ?? 0) > 0,
      )
    : all;
  out += managementPointTables(mpEntries, scenarioMps, options);
  if (!quiet || failed.length > 0 || differing.length > 0)
    out += `\n${paragraph(`Probes: ${all.length - failed.length} of ${all.length} succeeded, ${failed.length} failed; results differing from the model: ${differing.length}.`, options)}\n`;
  return out;
}
