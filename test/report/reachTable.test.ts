// reach's table: each cell found once (a 200 × 200 matrix took 41 s when every cell searched the list).
import { describe, expect, it } from "vitest";
import type { Reachability } from "../../src/model/reachability.js";
import { renderReachTable } from "../../src/report/reachTable.js";

function matrix(groups: number, servers: number): Reachability {
  const columns = Array.from({ length: servers }, (_, s) => ({
    server: `cm${s}.corp.contoso.com`,
    role: "managementPoint" as const,
  }));
  const cells = Array.from({ length: groups }, (_, g) =>
    columns.map((c, s) => ({ group: `g${g}`, ...c, result: (g + s) % 7 === 0 ? "server-down" : "ok" })),
  ).flat();
  return { format: "mdmsim-reach/1", scenario: "big", timeSeconds: 0, columns, cells };
}

describe("renderReachTable", () => {
  it("renders a 200 × 200 matrix within 5 s, as a table and as a list, every cell in its place", () => {
    const m = matrix(200, 200);
    for (const options of [{}, { columns: 80 }]) {
      const start = performance.now();
      const text = renderReachTable(m, options);
      expect(performance.now() - start).toBeLessThan(5_000);
      expect(text.split("server-down").length - 1).toBe(m.cells.filter((c) => c.result !== "ok").length);
    }
    const list = renderReachTable(matrix(2, 8), { columns: 80 });
    expect(list).toContain("g1\n  cm0.corp.contoso.com MP: ok\n");
    expect(list).toContain("  cm6.corp.contoso.com MP: server-down\n");
  });
});
