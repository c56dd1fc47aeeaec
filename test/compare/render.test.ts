// compare's table, markdown and csv formats.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCompare } from "../../src/compare/compare.js";
import { renderCompareCsv } from "../../src/compare/csv.js";
import { renderCompareMarkdown, renderCompareTable } from "../../src/compare/render.js";
import { percentText } from "../../src/report/format.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";

const baseline = loadScenario(parseScenarioText(readFileSync("scenarios/baseline.json", "utf8")));
const change = "site.replicas.replica1.syncInterval=10m";
const result = runCompare(
  baseline,
  applyOverrides(baseline, [change]),
  {
    a: { scenario: "baseline", file: "baseline.json", with: {} },
    b: {
      scenario: "baseline",
      file: "baseline.json",
      with: { "site.replicas.replica1.syncInterval": "10m" },
    },
  },
  { runs: 3 },
);

describe("compare formats", () => {
  it("puts the configuration difference first, then a row per metric with its verdict", () => {
    const text = renderCompareTable(result);
    const diffAt = text.indexOf("Configuration difference (1 path)");
    const metricsAt = text.indexOf("B against A");
    expect(diffAt).toBeGreaterThan(0);
    expect(metricsAt).toBeGreaterThan(diffAt);
    expect(text).toContain("site.replicas.replica1.syncInterval");
    expect(text).toMatch(/timeToFirstSuccessSeconds\.mean.*worse/);
    expect(text).toContain("Failed expectations on B");
    expect(text.split("\n")[0]).toBe(
      "mdmsim compare: A = baseline (baseline.json), B = baseline (baseline.json with 1 change); 3 runs each, seeds 1…3 on both sides",
    );
  });

  it("prints the same sections as GitHub-flavoured markdown", () => {
    const md = renderCompareMarkdown(result);
    expect(md).toContain("### Configuration difference (1 path)");
    expect(md).toContain("| path | A | B |");
    expect(md).toContain("| --- | --- | --- |");
    expect(md).toContain("| site.replicas.replica1.syncInterval | 5m | 10m |");
    expect(md).toMatch(/\| timeToFirstSuccessSeconds\.mean \| .* \| worse \|/);
  });

  it("escapes markup and control characters in every cell and in the title (names, paths, values)", () => {
    const hostile = {
      ...result,
      a: { ...result.a, file: "<img src=x onerror=alert(1)>_a_.json" },
      configurationDifferences: [
        {
          path: "devices.*win*|x.count",
          a: "[click](https://evil.example/) www.evil.example me@evil.example",
          b: "`code` ~~gone~~ &amp; \x1b[2J\n| --- |",
        },
      ],
    };
    const md = renderCompareMarkdown(hostile);
    expect(md).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(md).toContain(
      "| devices.\\*win\\*\\|x.count | \\[click\\](https\\://evil.example/) www\\.evil.example me\\@evil.example | \\`code\\` \\~\\~gone\\~\\~ \\&amp; \\\\e\\[2J\\\\n\\| --- \\| |",
    );
    expect(md.split("\n")[0]).toContain("A = baseline (\\<img src=x onerror=alert(1)\\>\\_a\\_.json)");
    // Every table row has as many unescaped pipes as the head.
    const rows = md.split("\n").filter((l) => l.startsWith("| devices.\\*win"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.match(/(?<!\\)\|/g)).toHaveLength(4);
  });

  it("writes a csv row per metric", () => {
    const lines = renderCompareCsv(result).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "metric,method,a.mean,a.ci95.lo,a.ci95.hi,b.mean,b.ci95.lo,b.ci95.hi,difference.mean,difference.ci95.lo,difference.ci95.hi,relative,relative.ci95.lo,relative.ci95.hi,verdict",
    );
    expect(lines).toHaveLength(1 + Object.keys(result.metrics).length);
    // The relative change's interval beside it, as the JSON's relativeCi95.
    const mean = result.metrics["timeToFirstSuccessSeconds.mean"]!;
    const row = lines.find((l) => l.startsWith("timeToFirstSuccessSeconds.mean,"))!.split(",");
    expect(row.slice(-4, -1).map(Number)).toEqual([mean.relative, ...mean.relativeCi95!]);
    expect(
      lines.find((l) => l.startsWith("timeToFirstSuccessSeconds.p90,bootstrap-percentile,")),
    ).toBeDefined();
  });

  it("shows relative changes as signed percentages", () => {
    expect(percentText(-0.142857)).toBe("-14.3%");
    expect(percentText(0.5)).toBe("+50%");
    expect(percentText(0)).toBe("0%");
    expect(percentText(null)).toBe("–");
  });
});
