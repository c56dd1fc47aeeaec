// The table format of `run`: a headline, then the detail tables. Pure: result in, text out.
import { formatDuration } from "../scenario/duration.js";
import { loadEntries } from "../results/load.js";
import type { RunResult } from "../results/runResult.js";
import {
  deploymentTable,
  fallbackCells,
  FALLBACK_HEADERS,
  hasFallbacks,
  managementPointNoun,
} from "./clientResults.js";
import { num, reasonRows, secondsText } from "./format.js";
import { glued, paragraph, section, table, type Cell } from "./layout.js";
import { stationRole } from "./stationNames.js";
import type { TerminalOptions } from "./terminal.js";

function headline(r: RunResult, o: TerminalOptions): string {
  const t = r.timeToFirstSuccessSeconds;
  const f = r.failedAttemptsBeforeSuccess;
  const d = r.devices;
  const rows = [
    [
      "devices",
      `${d.total} (enrolled ${d.enrolled}, enrollment failed ${d.enrollmentFailed}, pending ${d.enrollmentPending})`,
    ],
    [
      "connected",
      `${d.connected} (never connected ${d.neverConnected}, after failures ${d.connectedAfterFailures})`,
    ],
    ["time to first success, mean", glued(secondsText(t.mean))],
    ["time to first success, p50", glued(secondsText(t.p50))],
    ["time to first success, p90", glued(secondsText(t.p90))],
    ["time to first success, p99", glued(secondsText(t.p99))],
    ["time to first success, max", glued(secondsText(t.max))],
    ["failed tries before success, mean", num(f.mean)],
    ["failed tries before success, max", num(f.max)],
    [
      "failed tries before success, devices",
      Object.entries(f.histogram)
        .map(([k, n]) => `${k}: ${n}`)
        .join(", ") || "–",
    ],
  ];
  return table(null, rows, o);
}

function failures(r: RunResult, o: TerminalOptions): string {
  const parts: string[] = [];
  const tries = reasonRows(r.attempts.failedByReason);
  const noun = managementPointNoun(r).replace(/^./, (c) => c.toUpperCase());
  parts.push(
    section(
      `${noun} tries: ${r.attempts.total} (${r.attempts.succeeded} succeeded, ${r.attempts.failed} failed)`,
      tries.length > 0 ? table(["failed because", "tries"], tries, o) : "  no failed tries",
      o,
    ),
  );
  const enroll = reasonRows(r.enrollmentFailedByReason);
  if (enroll.length > 0)
    parts.push(
      section(
        "Enrollment failed (by the reason of the last try)",
        table(["reason", "devices"], enroll, o),
        o,
      ),
    );
  const never = reasonRows(r.neverConnectedByReason);
  if (never.length > 0)
    parts.push(
      section("Never connected (by the reason of the last try)", table(["reason", "devices"], never, o), o),
    );
  return parts.join("\n");
}

function groups(r: RunResult, o: TerminalOptions): string {
  const rows = r.groups.map((g) => [
    g.name,
    g.pollingProfile ?? "custom",
    String(g.devices.total),
    String(g.devices.connected),
    String(g.devices.neverConnected),
    num(g.timeToFirstSuccessSeconds.mean, 1),
    num(g.timeToFirstSuccessSeconds.p50, 1),
    num(g.timeToFirstSuccessSeconds.p99, 1),
    num(g.failedAttemptsBeforeSuccess.mean),
    num(g.failedAttemptsBeforeSuccess.max),
    String(g.attempts.failed),
  ]);
  return section(
    "Per device group (times in seconds)",
    table(
      [
        "group",
        "polling",
        "devices",
        "connected",
        // The list layout (a narrow terminal) names each value in full.
        { text: "never", label: "never connected" },
        { text: "mean", label: "first success mean (s)" },
        { text: "p50", label: "first success p50 (s)" },
        { text: "p99", label: "first success p99 (s)" },
        { text: "failed mean", label: "failed tries before success, mean" },
        { text: "failed max", label: "failed tries before success, max" },
        "failed tries",
      ],
      rows,
      o,
    ),
    o,
  );
}

function managementPoints(r: RunResult, o: TerminalOptions): string {
  if (r.managementPoints.length === 0)
    return section("Per management point", "  the site has no management point", o);
  // With ConfigMgr clients: the clients that switched away from each after failed tries, to it, and back.
  const fallbacks = hasFallbacks(r.managementPoints);
  const rows = r.managementPoints.map((m) => [
    m.server,
    m.database,
    String(m.devices),
    String(m.attempts),
    String(m.failed),
    String(m.peakAttemptsPerMinute),
    ...(fallbacks ? fallbackCells(m) : []),
  ]);
  const head = ["server", "database", "devices", "tries", "failed", "peak tries/min"];
  return section(
    "Per management point",
    table(fallbacks ? [...head, ...FALLBACK_HEADERS] : head, rows, o),
    o,
  );
}

function deployments(r: RunResult, o: TerminalOptions): string {
  const t = deploymentTable(r);
  if (t === null) return "";
  return section(
    "Deployments: time from the deployment to each device's receipt (seconds)",
    // The closed form's "min / mean / max" stays on one line.
    table(
      t.head,
      t.rows.map((row) => row.map(glued)),
      o,
    ),
    o,
  );
}

function replicas(r: RunResult, o: TerminalOptions): string {
  if (r.replicas.length === 0) return "";
  // One row per replica, every cell filled: the measured delay beside the closed form's.
  const rows = r.replicas.map((x) => {
    const v = x.visibilityDelaySeconds;
    const e = x.expectedVisibilityDelaySeconds;
    return [
      x.name,
      String(x.syncs),
      String(x.skippedSyncs),
      num(x.syncOffsetSeconds, 1),
      num(v.mean, 1),
      num(v.p50, 1),
      num(v.p99, 1),
      num(v.max, 1),
      num(e.min, 1),
      num(e.mean, 1),
      num(e.max, 1),
    ];
  });
  const head = [
    "replica",
    "syncs",
    "skipped",
    "sync offset",
    "measured mean",
    "measured p50",
    "measured p99",
    "measured max",
    "closed form min",
    "closed form mean",
    "closed form max",
  ];
  return section("Per replica: visibility delay after commit (seconds)", table(head, rows, o), o);
}

function content(r: RunResult, o: TerminalOptions): string {
  if (r.content === null) return "";
  const c = r.content;
  const rows = [
    ["requests", String(c.attempted)],
    ["succeeded", String(c.succeeded)],
    ...reasonRows(c.failedByReason).map(([reason, n]) => [`failed: ${reason}`, n ?? ""]),
    ["time to content, p50", secondsText(c.timeToContentSeconds.p50)],
    ["time to content, p99", secondsText(c.timeToContentSeconds.p99)],
    ["devices never served", String(c.neverServed)],
  ];
  return section("Content (distribution points)", table(null, rows, o), o);
}

function load(r: RunResult, o: TerminalOptions): string {
  if (r.load === undefined) return "";
  const rows = loadEntries(r.load).map(({ kind, name, load: l }) => [
    name,
    stationRole(kind, name),
    String(l.workers),
    `${num(l.utilisation * 100, 1)}%`,
    num(l.waitSeconds.p99),
    String(l.refused),
    String(l.timedOut),
  ]);
  return section(
    "Finite servers (roles and databases with a capacity)",
    table(
      ["server", "role / database", "workers", "utilisation", "wait p99 (s)", "refused", "timed out"],
      rows,
      o,
    ),
    o,
  );
}

/** The expectations table, or "" when there are none. */
export function renderExpectations(r: RunResult, o: TerminalOptions = {}): string {
  if (r.expectations.length === 0) return "";
  const rows = r.expectations.map((e): Cell[] => [
    e.passed ? { text: "pass", tone: "good" } : { text: "FAIL", tone: "bad" },
    e.expression,
    num(e.actual),
  ]);
  return section("Expectations", table(["", "expectation", "actual"], rows, o), o);
}

function trace(r: RunResult, o: TerminalOptions): string {
  if (!r.trace) return "";
  const commit = r.trace.find((e) => e.event === "commit")?.time;
  const rows = r.trace.map((e): Cell[] => [
    num(e.time),
    commit === undefined || e.time < commit
      ? ""
      : `+${formatDuration(Math.round((e.time - commit) * 1000) / 1000)}`,
    e.event,
    e.target ?? "",
    { text: e.outcome, tone: e.outcome === "ok" ? "good" : undefined },
  ]);
  // A deployment's event names the deployment it received.
  const target = r.trace.some((e) => e.event === "deployment")
    ? "server / replica / deployment"
    : "server / replica";
  return section("Trace", table(["t (s)", "since commit", "event", target, "outcome"], rows, o), o);
}

/**
 * Renders a run result as the headline table and the detail tables.
 * @param options - the terminal's width and colour (none: one row per line, no colour)
 */
export function renderRunTable(r: RunResult, options: TerminalOptions = {}): string {
  const title = `mdmsim run: ${r.scenario} (seed ${r.seed}, ${formatDuration(r.durationSeconds)}, ${r.events} events)`;
  return [
    `${paragraph(title, options, "title")}\n${headline(r, options)}\n`,
    failures(r, options),
    groups(r, options),
    managementPoints(r, options),
    replicas(r, options),
    content(r, options),
    deployments(r, options),
    load(r, options),
    renderExpectations(r, options),
    trace(r, options),
  ]
    .filter((part) => part !== "")
    .join("\n");
}
