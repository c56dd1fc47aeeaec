// run's table: the per-group table names the poll profile each group used.
import { describe, expect, it } from "vitest";
import { renderRunTable } from "../../src/report/runTable.js";
import { buildRunResult } from "../../src/results/runResult.js";
import { simulate } from "../../src/simulate.js";
import { handTally, plainRun, runWithLoad } from "../helpers/loadTallies.js";
import { singleServer } from "../helpers/scenarios.js";
import { clientScenario } from "./helpers.js";

/** The rows of the per-group table, as cells. */
function groupRows(text: string): string[][] {
  return tableRows(text, "Per device group");
}

/** The rows of the table under the heading that starts with `title`, as cells. */
function tableRows(text: string, title: string): string[][] {
  const section = text.slice(text.indexOf(title));
  const table = section.slice(0, section.indexOf("\n\n"));
  return table
    .split("\n")
    .filter((line) => line.startsWith("│"))
    .map((line) =>
      line
        .split("│")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe("renderRunTable", () => {
  it("names each group's poll profile, and custom for a list that is no profile", () => {
    const group = { platform: "windows", count: 5, addresses: "10.1.2.0/24" };
    const scenario = singleServer({
      extra: {
        devices: [
          { name: "w", ...group },
          { name: "fast", ...group, polling: [{ every: "2m" }] },
          { name: "intune", ...group, polling: "intune-estimate" },
        ],
      },
    });
    const rows = groupRows(renderRunTable(simulate(scenario)));
    expect(rows[0]?.slice(0, 3)).toEqual(["group", "polling", "devices"]);
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ["w", "configmgr-assumed"],
      ["fast", "custom"],
      ["intune", "intune-estimate"],
    ]);
  });
});

describe("renderRunTable with load", () => {
  const result = buildRunResult(
    runWithLoad([
      handTally("managementPoint", "cm01.corp.contoso.com", 8, 10800, {
        requests: 100,
        refused: 3,
        timedOut: 2,
        busySeconds: 0.6125 * 8 * 10800,
        waits: [0, 0.5, 2.25],
        responses: [1, 1, 3],
      }),
      handTally("database", "site", 4, 10800),
      handTally("database", "r1", 2, 10800, { busySeconds: 10800 }),
    ]),
  );

  it("has a table of the finite servers: name, what it is, workers, utilisation, wait p99, refused, timed out", () => {
    const text = renderRunTable(result);
    const section = text.slice(text.indexOf("Finite servers"));
    const rows = section
      .slice(0, section.indexOf("\n\n"))
      .split("\n")
      .filter((line) => line.startsWith("│"))
      .map((line) =>
        line
          .split("│")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual([
      ["server", "role / database", "workers", "utilisation", "wait p99 (s)", "refused", "timed out"],
      ["cm01.corp.contoso.com", "management point", "8", "61.3%", "2.25", "3", "2"],
      ["site", "site database", "4", "0%", "–", "0", "0"],
      ["r1", "replica database", "2", "50%", "–", "0", "0"],
    ]);
    // After the content and before the expectations, as the document has them.
    expect(text.indexOf("Per replica")).toBeLessThan(text.indexOf("Finite servers"));
  });

  it("has no such table without load", () => {
    expect(renderRunTable(buildRunResult(plainRun()))).not.toContain("Finite servers");
  });
});

describe("renderRunTable with ConfigMgr clients", () => {
  const result = simulate(clientScenario());

  it("adds the fallback columns to the management point table: from, to, returned", () => {
    const text = renderRunTable(result);
    expect(tableRows(text, "Per management point")).toEqual([
      [
        "server",
        "database",
        "devices",
        "tries",
        "failed",
        "peak tries/min",
        "fell back from",
        "fell back to",
        "returned",
      ],
      ...result.managementPoints.map((m) => [
        m.server,
        m.database,
        String(m.devices),
        String(m.attempts),
        String(m.failed),
        String(m.peakAttemptsPerMinute),
        String(m.fallbacksFrom),
        String(m.fallbacksTo),
        String(m.returnsTo),
      ]),
    ]);
    // mp-a's 256 clients fell back to mp-b in the outage and all came back at their refresh.
    expect(result.managementPoints.map((m) => [m.fallbacksFrom, m.fallbacksTo, m.returnsTo])).toEqual([
      [256, 0, 256],
      [0, 256, 0],
    ]);
    // A client asks a management point for policy: no "device management point" for it.
    expect(text).toContain(`Management point tries: ${result.attempts.total} (`);
    expect(text).not.toContain("Device management point");
  });

  it("has a deployments table: counts, then the delays from the deployment in seconds", () => {
    const text = renderRunTable(result);
    const rows = tableRows(text, "Deployments: time from the deployment");
    expect(rows[0]).toEqual([
      "deployment",
      "targeted",
      "received",
      "not received",
      "mean",
      "p50",
      "p90",
      "p99",
      "max",
      "closed form min / mean / max",
    ]);
    const app = result.deployments?.app;
    const s = app?.receivedAfterSeconds;
    const form = app?.expectedReceivedAfterSeconds;
    const one = (x: number | null | undefined) => String(Math.round((x ?? NaN) * 10) / 10);
    expect(rows.map((r) => r[0])).toEqual(["deployment", "policy", "app"]);
    expect(rows[2]).toEqual([
      "app",
      "400",
      String(app?.received),
      String(app?.notReceived),
      ...[s?.mean, s?.p50, s?.p90, s?.p99, s?.max].map(one),
      `${one(form?.min)} / ${one(form?.mean)} / ${one(form?.max)}`,
    ]);
    // After the replicas and before the expectations.
    expect(text.indexOf("Per replica")).toBeLessThan(text.indexOf("Deployments"));
  });

  it("shows the closed form beside the measured delays, and a dash where it does not apply", () => {
    const policy = result.deployments?.policy;
    const app = result.deployments?.app;
    if (!policy || !app) throw new Error("no deployments");
    const withClosedForm = {
      ...result,
      deployments: {
        policy: { ...policy, expectedReceivedAfterSeconds: { min: 230, mean: 2030.25, max: 3830 } },
        app: { ...app, expectedReceivedAfterSeconds: null },
      },
    };
    const rows = tableRows(renderRunTable(withClosedForm), "Deployments");
    expect(rows[0]?.at(-1)).toBe("closed form min / mean / max");
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(["230 / 2030.3 / 3830", "–"]);
  });

  it("names the deployment a traced client received in the trace's target column", () => {
    const traced = simulate(clientScenario(), { trace: "pcs-1" });
    const rows = tableRows(renderRunTable(traced), "Trace");
    expect(rows[0]).toEqual(["t (s)", "since commit", "event", "server / replica / deployment", "outcome"]);
    expect(rows.filter((r) => r[2] === "deployment").map((r) => [r[3], r[4]])).toEqual([
      ["policy", "received"],
      ["app", "received"],
    ]);
    expect(rows.some((r) => r[2] === "fallback" && r[3] === "mp-b.corp.contoso.com")).toBe(true);
  });

  it("MDM devices: DMP wording, no fallback columns; a deployment still has its table", () => {
    const scenario = singleServer({
      group: { count: 20, enrollment: { from: "0s", to: "30m" } },
      extra: { deployments: [{ name: "wipe", at: "1h" }] },
    });
    const mdm = simulate(scenario);
    const text = renderRunTable(mdm);
    expect(text).toContain("Device management point tries:");
    expect(tableRows(text, "Per management point")[0]).toEqual([
      "server",
      "database",
      "devices",
      "tries",
      "failed",
      "peak tries/min",
    ]);
    expect(tableRows(text, "Deployments")[1]?.slice(0, 4)).toEqual(["wipe", "20", "20", "0"]);
  });
});

describe("the replica table", () => {
  it("has one row per replica and no empty cell: measured beside the closed form", () => {
    const text = renderRunTable(simulate(singleServer({})));
    const rows = tableRows(text, "Per replica");
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) for (const cell of row) expect(cell, JSON.stringify(rows)).not.toBe("");
    expect(rows[0]).toContain("closed form mean");
  });
});
