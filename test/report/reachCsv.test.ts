import { describe, expect, it } from "vitest";
import { reachability } from "../../src/model/reachability.js";
import { renderReachCsv } from "../../src/report/reachCsv.js";
import { singleServer } from "../helpers/scenarios.js";

describe("renderReachCsv", () => {
  it("writes one row per cell under the header, in the matrix's order", () => {
    const matrix = reachability(singleServer({}));
    const lines = renderReachCsv(matrix).trimEnd().split("\n");
    expect(lines[0]).toBe("group,server,role,result");
    expect(lines.slice(1)).toEqual(matrix.cells.map((c) => `${c.group},${c.server},${c.role},${c.result}`));
  });

  it("quotes a group name holding a comma or a quote, so each row keeps four fields", () => {
    const scenario = singleServer({});
    const named = {
      ...scenario,
      devices: scenario.devices.map((g) => ({ ...g, name: 'HQ, "east"' })),
    };
    const rows = renderReachCsv(reachability(named)).trimEnd().split("\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.startsWith('"HQ, ""east""",')).toBe(true);
  });
});
