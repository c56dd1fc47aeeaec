// The csv format of `probe`: one row per probe, the contract's fields first.
import { csvText } from "../report/csv.js";
import type { ProbeReport } from "./result.js";

const HEAD = [
  "server",
  "role",
  "url",
  "address",
  "ok",
  "reason",
  "status",
  "latencyMs",
  "advertisedManagementPoints",
  "port",
  "agrees",
  "detail",
];

/** Renders the probe document as CSV; `advertisedManagementPoints` is space-separated, empty when not read. */
export function renderProbeCsv(report: ProbeReport): string {
  const rows = report.probes.map((p) => [
    p.server,
    p.role,
    p.url,
    p.address ?? "",
    String(p.ok),
    p.reason ?? "",
    p.status === null ? "" : String(p.status),
    String(p.latencyMs),
    (p.advertisedManagementPoints ?? []).join(" "),
    p.port === null ? "" : String(p.port),
    String(p.agrees),
    p.detail ?? "",
  ]);
  return csvText([HEAD, ...rows]);
}
