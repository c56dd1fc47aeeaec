// The report's static sections, shared by run and sweep reports: `check`'s findings with their fixes and
// `reach`'s matrix. Neither needs a simulation.
import type { Finding } from "../../checks/finding.js";
import { reachRows, type Reachability } from "../../model/reachability.js";
import { ROLE_SHORT as SHORT } from "../roleNames.js";
import { escapeHtml, htmlTable, pathHtml, raw, tag, type Section } from "./document.js";

/** The findings of `check`, most severe first as `check` sorts them, each with its fix and source. */
export function findingsSection(findings: readonly Finding[]): Section {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const summary = `<p>${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info — the static checks of <code>mdmsim check</code>, evaluated without simulating.</p>`;
  if (findings.length === 0)
    return {
      id: "findings",
      title: "Findings",
      body: `${summary}\n<p>No findings: the site is configured as the documentation asks.</p>`,
    };
  const rows = findings.map((f) => [
    tag(f.severity, f.severity),
    raw(
      [
        `<div><code class="id">${escapeHtml(f.id)}</code> at ${pathHtml(f.path).html}</div>`,
        `<div>${escapeHtml(f.message)}</div>`,
        `<div class="fix"><strong>Fix:</strong> ${escapeHtml(f.fix)}</div>`,
        `<div class="source">Source: ${escapeHtml(f.source)}</div>`,
      ].join(""),
    ),
  ]);
  return {
    id: "findings",
    title: "Findings",
    body: `${summary}\n${htmlTable(["severity", "finding, where, and the fix"], rows)}`,
  };
}

/** The reachability matrix: each device group × each server role → ok or the first failing rule's reason. */
export function reachabilitySection(reach: Reachability): Section {
  const head = ["group", ...reach.columns.map((c) => raw(`${escapeHtml(c.server)}<br>${SHORT[c.role]}`))];
  const rows = reachRows(reach).map(({ group, results }) => [
    group,
    ...results.map((result) => ({
      value: result,
      className: result === "ok" ? "reach-ok" : "reach-refused",
    })),
  ]);
  const intro = `<p>Each device group against each server role at t = ${reach.timeSeconds} s: <code>ok</code>, or the reason of the first rule that refuses it (as <code>mdmsim reach</code> prints).</p>`;
  return {
    id: "reachability",
    title: "Reachability",
    body:
      reach.columns.length === 0
        ? `${intro}\n<p>The site has no server roles.</p>`
        : `${intro}\n${htmlTable(head, rows)}`,
  };
}
