// run's table: the per-group table names the poll profile each group used.
import { describe, expect, it } from "vitest";
import { renderRunTable } from "../../src/report/runTable.js";
import { simulate } from "../../src/simulate.js";
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
