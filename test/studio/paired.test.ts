// The studio's paired comparison is `mdmsim compare` of the file against the what-if: the same seeds on
// both sides, the same paired differences, intervals and verdicts.
import { describe, expect, it } from "vitest";
import { intervalText } from "../../src/report/interval.js";
import { percentText } from "../../src/report/format.js";
import { setOptions, type Edit } from "../../src/studio/fragment.js";
import { HEADLINES, studioHeadlines } from "../../src/studio/metrics.js";
import { pairedComparison } from "../../src/studio/paired.js";
import { parseJson, runCli } from "../helpers/cli.js";
import { bundled, clientScenario } from "../report/helpers.js";

const EDITS: Edit[] = [
  { path: "site.replicas.replica1.syncInterval", value: "10m" },
  { path: "devices.hq-windows.count", value: "300" },
];

interface Comparison {
  difference: { mean: number | null; ci95: [number, number] | null };
  relative: number | null;
  verdict: string;
}

describe("pairedComparison", () => {
  it("gives mdmsim compare's paired differences, changes and verdicts", async () => {
    const paired = pairedComparison(bundled("baseline"), EDITS, 5);
    if (!paired.ok) throw new Error(paired.message);
    const cli = await runCli([
      "compare",
      "scenarios/baseline.json",
      ...setOptions(EDITS).flatMap((s) => ["--with", s]),
      "--runs",
      "5",
      "--jobs",
      "1",
      ...HEADLINES.flatMap((h) => ["--metric", h.path]),
      "--format",
      "json",
    ]);
    expect(cli.code, cli.stderr).toBeLessThanOrEqual(1);
    const metrics = parseJson(cli.stdout).metrics as Record<string, Comparison>;
    expect(paired.firstSeed).toBe(1);
    for (const [i, h] of HEADLINES.entries()) {
      const m = metrics[h.path]!;
      const n = paired.numbers[i]!;
      expect(n.path).toBe(h.path);
      expect(n.verdict, h.path).toBe(m.verdict);
      expect(n.relativeText).toBe(percentText(m.relative));
      const text = intervalText(m.difference.mean, m.difference.ci95, 5);
      expect(n.differenceText).toContain(text);
    }
    // The replica's longer interval makes the first success later: a verdict, not a guess.
    expect(paired.numbers.find((n) => n.path === "timeToFirstSuccessSeconds.mean")?.verdict).toBe("worse");
  });

  it("names a bad value at its field", () => {
    expect(
      pairedComparison(bundled("baseline"), [{ path: "devices.hq-windows.count", value: "0" }], 5),
    ).toMatchObject({
      ok: false,
      path: "devices.hq-windows.count",
    });
  });

  it("compares a client site's fallbacks and deployments too", () => {
    const file = clientScenario();
    const paired = pairedComparison(
      file,
      [{ path: "site.servers.mp-a.corp.contoso.com.outages", value: "[]" }],
      5,
    );
    if (!paired.ok) throw new Error(paired.message);
    expect(paired.numbers.map((n) => n.path)).toEqual(studioHeadlines(file).map((h) => h.path));
    // Without the outage nobody falls back to mp-b: 256 fewer in every run.
    const to = paired.numbers.find((n) => n.path === "managementPoints.mp-b.corp.contoso.com.fallbacksTo");
    expect(to?.differenceText).toMatch(/^-256/);
  });
});
