// `sweep --list` of 100,000 variants: the table is rendered in linear time (it took 150 s when each row
// was laid out again for every other), at a terminal's width and into a pipe.
import { describe, expect, it } from "vitest";
import { renderSweepList } from "../../src/report/sweepTable.js";
import type { SweepHeader } from "../../src/sweep/document.js";
import { displayWidth } from "../../src/report/terminal.js";

function header(count: number): SweepHeader {
  const variants = Array.from({ length: count }, (_, i) => ({
    set: {
      "devices.hq-windows.count": 1 + (i % 1000),
      "site.replicas.replica1.syncInterval": `${1 + Math.floor(i / 1000)}m`,
    },
    expectations: [],
  }));
  return {
    scenario: "baseline",
    runs: 10,
    seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    metrics: [],
    variants,
  };
}

const timed = (work: () => string): { ms: number; text: string } => {
  const start = performance.now();
  const text = work();
  return { ms: performance.now() - start, text };
};

describe("renderSweepList", () => {
  it("lists 100,000 variants within 10 s, into a pipe and at 80 columns, one row per variant", () => {
    const big = header(100_000);
    for (const options of [{}, { columns: 80 }]) {
      const { ms, text } = timed(() => renderSweepList(big, options));
      expect(ms, JSON.stringify(options)).toBeLessThan(10_000);
      const lines = text.split("\n");
      expect(lines.slice(0, 2).join(" ")).toContain(
        "(100000 variants × 10 runs, seeds 1…10): 1000000 simulations",
      );
      expect(lines.filter((l) => /^│ \d/.test(l)).length).toBe(100_000);
      expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(options.columns ?? Infinity);
    }
  });

  it("takes about ten times as long for ten times the variants (linear, not quadratic)", () => {
    renderSweepList(header(5_000)); // warm up
    const small = Math.min(...[0, 1, 2].map(() => timed(() => renderSweepList(header(10_000))).ms));
    const large = Math.min(...[0, 1].map(() => timed(() => renderSweepList(header(100_000))).ms));
    // Quadratic work would take 100 times as long; a generous bound for a shared machine.
    expect(large / small).toBeLessThan(35);
  });
});
