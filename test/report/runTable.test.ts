// run's table: the per-group table names the poll profile each group used.
import { describe, expect, it } from "vitest";
import { renderRunTable } from "../../src/report/runTable.js";
import { buildRunResult } from "../../src/results/runResult.js";
import { simulate } from "../../src/simulate.js";
import { handTally, plainRun, runWithLoad } from "../helpers/loadTallies.js";
import { singleServer } from "../helpers/scenarios.js";

/** The rows of the per-group table, as cells. */
function groupRows(text: string): string[][] {
  const section = text.slice(text.indexOf("Per device group"));
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
