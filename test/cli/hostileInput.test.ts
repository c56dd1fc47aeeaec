// The fuzz suite of the attack review: over 20,000 hostile inputs (fc.anything() as scenario data,
// mutated scenarios, mutated sweep shards, arbitrary texts for paths, expectations and shard files, and a
// share through the command line) end only in ScenarioError or UsageError, or in a clean exit 0, 1 or 2.
// Counters show the generators reach both the accepted and the refused side.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { ScenarioError, UsageError } from "../../src/errors.js";
import { checkRunLimits, checkSiteLimits } from "../../src/model/estimate.js";
import { reachability } from "../../src/model/reachability.js";
import { parseExpectation } from "../../src/results/expectations.js";
import { loadScenario } from "../../src/scenario/load.js";
import { walkPath } from "../../src/scenario/path.js";
import { mergeShards, parseShardText } from "../../src/sweep/shard.js";
import { BASELINE_TEXT, captureIo } from "../helpers/cli.js";
import { shardFiles as sweepShardFiles } from "../helpers/data.js";
import { jsonPaths as paths } from "../helpers/jsonPaths.js";

const baseline = JSON.parse(BASELINE_TEXT) as Record<string, unknown>;
const small = {
  ...baseline,
  duration: "1h",
  devices: [{ ...(baseline.devices as Record<string, unknown>[])[0], count: 5 }],
};

/** Runs `work`; any error but the two user-error classes fails the property. */
function onlyUserErrors(work: () => unknown): "ok" | "refused" {
  try {
    work();
    return "ok";
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof UsageError) return "refused";
    throw error;
  }
}

/** A copy of `root` with the value at `path` replaced (or, for "delete", removed). */
function mutate(root: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) return value;
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return copy;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node === null || typeof node !== "object") return copy;
  const last = path[path.length - 1]!;
  if (remove) Reflect.deleteProperty(node, last);
  else (node as Record<string | number, unknown>)[last] = value;
  return copy;
}

// Values that reach the limits and the edge cases, beside fc.anything()'s.
const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    2 ** 32,
    1e8,
    -1,
    1e11,
    1e308,
    Number.MAX_SAFE_INTEGER,
    0,
    "1ms",
    "366d",
    "1e9d",
    "__proto__",
  ),
  fc.integer({ min: -5, max: 3_000_000 }),
);

/** Valid shards of a tiny sweep, as parsed JSON files. */
function shardFiles(count: number): { name: string; data: unknown }[] {
  return sweepShardFiles(loadScenario(small), { vary: ["devices.0.count=3,4"], runs: 2 }, count);
}

describe("hostile input ends only in ScenarioError or UsageError", () => {
  it("fc.anything() as scenario data (6,000 cases)", () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
        (data) => {
          seen[onlyUserErrors(() => loadScenario(data))]++;
        },
      ),
      { numRuns: 6000 },
    );
    expect(seen.refused).toBe(6000);
  });

  it("mutated scenarios, loaded, then planned against every limit and checked (6,000 cases)", () => {
    const all = paths(small);
    const seen = { loaded: 0, refused: 0, planned: 0, overLimit: 0 };
    fc.assert(
      fc.property(fc.nat(), hostile, fc.boolean(), (pick, value, remove) => {
        const data = mutate(small, all[pick % all.length]!, value, remove);
        let scenario;
        try {
          scenario = loadScenario(data);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          seen.refused++;
          return;
        }
        seen.loaded++;
        const planned = onlyUserErrors(() => {
          checkSiteLimits(scenario);
          checkRunLimits(scenario);
          checkScenario(scenario);
          reachability(scenario);
        });
        if (planned === "ok") seen.planned++;
        else seen.overLimit++;
      }),
      { numRuns: 6000 },
    );
    expect(seen.loaded).toBeGreaterThan(500);
    expect(seen.refused).toBeGreaterThan(500);
    expect(seen.planned).toBeGreaterThan(100);
    expect(seen.overLimit).toBeGreaterThan(0);
  });

  it("mutated sweep shards (6,000 cases)", () => {
    const files = shardFiles(2);
    const all = files.flatMap((f, i) => paths(f.data).map((p) => [i, p] as const));
    const seen = { merged: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat(), hostile, fc.boolean(), (pick, value, remove) => {
        const [which, path] = all[pick % all.length]!;
        const mutated = files.map((f, i) =>
          i === which ? { ...f, data: mutate(f.data, path, value, remove) } : f,
        );
        seen[onlyUserErrors(() => mergeShards(mutated)) === "ok" ? "merged" : "refused"]++;
      }),
      { numRuns: 6000 },
    );
    expect(seen.merged).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(1000);
  });

  it("arbitrary texts as shard files, expectations and paths (3,000 cases)", () => {
    const result = { devices: { connected: 1 }, groups: [{ name: "a.b", x: 1 }] };
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        onlyUserErrors(() => parseShardText("x.json", text));
        onlyUserErrors(() => parseExpectation(text));
        expect(() => walkPath(result, text)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});

describe("hostile files through the command line end in exit 0, 1 or 2", () => {
  it("run, check and merge of mutated files (600 cases), no stack ever", async () => {
    const all = paths(small);
    const shards = shardFiles(1);
    const shardPaths = paths(shards[0]!.data);
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        hostile,
        fc.constantFrom("run", "check", "reach", "merge"),
        async (pick, value, verb) => {
          // JSON.stringify gives undefined for some values (a function, undefined itself).
          const data =
            verb === "merge"
              ? mutate(shards[0]!.data, shardPaths[pick % shardPaths.length]!, value, false)
              : mutate(small, all[pick % all.length]!, value, false);
          const text = JSON.stringify(data) as string | undefined;
          const { io, stderr } = captureIo({ files: { "f.json": text ?? "null" } });
          const code = await main([verb, "f.json", "--format", "json"], io);
          codes.set(code, (codes.get(code) ?? 0) + 1);
          expect([0, 1, 2]).toContain(code);
          expect(stderr()).not.toMatch(/\n\s+at /);
          if (code === 2) expect(stderr()).toMatch(/^mdmsim: .*f\.json/);
        },
      ),
      { numRuns: 600 },
    );
    expect(codes.get(2) ?? 0).toBeGreaterThan(50);
    expect((codes.get(0) ?? 0) + (codes.get(1) ?? 0)).toBeGreaterThan(50);
  });
});
