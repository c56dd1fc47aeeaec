// --shard I/N slices and merge: the merged document equals the whole sweep, byte for byte.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { mergeShards, parseShard, shardJobs, type ShardFile } from "../../src/sweep/shard.js";
import { planSweep, runSweep, sweepJobs, type SweepOptions } from "../../src/sweep/sweep.js";
import { singleServer } from "../helpers/scenarios.js";
import { shardFiles as sweepShardFiles } from "../helpers/data.js";

const scenario = singleServer({
  duration: "2h",
  replica: { syncOffset: undefined },
  group: { count: 15, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
  extra: { expectations: ["failedAttemptsBeforeSuccess.max <= 1"] },
});
const options: SweepOptions = {
  vary: ["site.replicas.r1.syncInterval=1m,5m,10m", "devices.0.count=5,15"],
  runs: 3,
  metrics: ["replicas.r1.syncs"],
};

/** Every shard of N as the JSON text a file would hold, parsed back, named "sI.json". */
function shardFiles(count: number, opts: SweepOptions = options, base = scenario): ShardFile[] {
  return sweepShardFiles(base, opts, count);
}

describe("parseShard and shardJobs", () => {
  it("parses I/N and rejects anything else naming the option", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard(" 1 / 1 ")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "2", "1/2/3", "-1/2", "1.5/3"])
      expect(() => parseShard(bad)).toThrow(`shard ${bad}: expected I/N`);
  });

  it("deals jobs round robin: every job in exactly one shard", () => {
    const jobs = sweepJobs(planSweep(scenario, options));
    expect(shardJobs(jobs, { index: 2, count: 4 }).map((j) => j.index)).toEqual([1, 5, 9, 13, 17]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), (count) => {
        const seen = Array.from({ length: count }, (_, i) => shardJobs(jobs, { index: i + 1, count }))
          .flat()
          .map((j) => j.index)
          .sort((a, b) => a - b);
        expect(seen).toEqual(jobs.map((j) => j.index));
      }),
    );
  });
});

describe("mergeShards", () => {
  const whole = JSON.stringify(runSweep(scenario, options), null, 2);

  it("gives the whole sweep's document byte for byte, for any N and any file order", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 20 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
            ),
          ),
        ([n, order]) => {
          const files = shardFiles(n);
          expect(JSON.stringify(mergeShards(order.map((i) => files[i]!)), null, 2)).toBe(whole);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("names the missing shards, a repeated one, and a shard of another sweep", () => {
    const files = shardFiles(4);
    const [s1, s2, s3, s4] = files as [ShardFile, ShardFile, ShardFile, ShardFile];
    expect(() => mergeShards([s1, s3])).toThrow("merge: shards 2/4, 4/4 are missing");
    expect(() => mergeShards([s1, s2, s3])).toThrow("merge: shard 4/4 is missing");
    expect(() => mergeShards([s1, s2, { ...s2, name: "copy.json" }, s4])).toThrow(
      "copy.json: shard 2/4 is given twice (also s2.json)",
    );
    const other = shardFiles(
      4,
      options,
      singleServer({ duration: "2h", replica: { syncOffset: undefined }, group: { count: 16 } }),
    )[1]!;
    expect(() => mergeShards([s1, { ...other, name: "other.json" }, s3, s4])).toThrow(
      "other.json: a shard of a different sweep than s1.json",
    );
    const moreRuns = shardFiles(4, { ...options, runs: 4 })[1]!;
    expect(() => mergeShards([s1, { ...moreRuns, name: "runs.json" }, s3, s4])).toThrow(
      /runs.json: a shard of a different sweep/,
    );
    const ofThree = shardFiles(3)[1]!;
    expect(() => mergeShards([s1, { ...ofThree, name: "three.json" }])).toThrow(
      "three.json: shard 2/3, but s1.json is one of 4",
    );
  });

  it("rejects files that are not shards or are damaged, naming the file", () => {
    const [s1] = shardFiles(2) as [ShardFile];
    const data = s1.data as Record<string, unknown>;
    const jobs = data.jobs as Record<string, unknown>[];
    const bad = (changed: Record<string, unknown>) =>
      mergeShards([{ name: "x.json", data: { ...data, ...changed } }]);
    expect(() => mergeShards([])).toThrow(UsageError);
    expect(() => mergeShards([{ name: "x.json", data: { scenario: "baseline" } }])).toThrow(
      "x.json: not a sweep shard",
    );
    expect(() => mergeShards([{ name: "x.json", data: [1, 2] }])).toThrow("x.json: not a sweep shard");
    expect(() => bad({ format: "mdmsim-sweep-shard/2" })).toThrow(
      'x.json: a sweep shard of format "mdmsim-sweep-shard/2"; this mdmsim merges "mdmsim-sweep-shard/1"',
    );
    expect(() => bad({ format: "mdmsim-sweep-shard", version: 1 })).toThrow(
      'x.json: a sweep shard of format "mdmsim-sweep-shard"; this mdmsim merges "mdmsim-sweep-shard/1"',
    );
    expect(() => bad({ format: "mdmsim-sweep/1" })).toThrow(
      "x.json: not a sweep shard (a mdmsim-sweep/1 document, write shards with",
    );
    expect(() => bad({ shard: { index: 3, count: 2 } })).toThrow(
      "x.json: not a complete sweep shard (shard:",
    );
    expect(() => bad({ jobs: jobs.slice(1) })).toThrow(
      /x\.json: .*jobs: shard 1\/2 of 18 jobs has 9, found 8/,
    );
    expect(() => bad({ jobs: [{ ...jobs[0], index: 1 }, ...jobs.slice(1)] })).toThrow(
      "jobs[0]: expected job 0",
    );
    expect(() => bad({ jobs: [{ ...jobs[0], metrics: ["1"] }, ...jobs.slice(1)] })).toThrow(
      "jobs[0].metrics",
    );
    expect(() => bad({ jobs: [{ ...jobs[0], expectations: [1] }, ...jobs.slice(1)] })).toThrow(
      "jobs[0].expectations",
    );
    expect(() => bad({ sweep: { ...(data.sweep as object), seeds: [1] } })).toThrow("sweep.seeds");
    expect(() => bad({ sweep: { ...(data.sweep as object), variants: [] } })).toThrow("sweep.variants");
  });
});
