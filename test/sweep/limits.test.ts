// Sweeps and merges planned against the limits before anything runs: each variant checked and named, the
// whole sweep's outcomes and events bounded, and a shard's claims bounded by what merge can verify.
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../../src/errors.js";
import { mergeShards, parseShardText, type ShardFile } from "../../src/sweep/shard.js";
import { RUN_FIXED_EVENTS } from "../../src/model/estimate.js";
import { checkSweepWork, planSweep, runSweep, sweepJobs } from "../../src/sweep/sweep.js";
import { singleServer } from "../helpers/scenarios.js";
import { expectBadInput, runCli, REPO_ROOT } from "../helpers/cli.js";
import { shardFiles } from "../helpers/data.js";

/** A report refused before its work: the file is never written (its folder exists, so the path is fine). */
const NEVER_WRITTEN = join(tmpdir(), `mdmsim-never-written-${process.pid}.html`);

const scenario = singleServer({ duration: "1h", group: { count: 5 } });
const BASELINE = `${REPO_ROOT}scenarios/baseline.json`;

describe("planning a sweep against the limits", () => {
  it("names the variant that exceeds a run limit, before any job runs", () => {
    expect(() => planSweep(scenario, { vary: ["devices.0.count=10,20,20000000"], runs: 2 })).toThrow(
      "--vary devices.0.count=20000000: devices: 20000000 devices in all; the limit is 10000000",
    );
  });

  it("refuses 10,000 variants × 100,000 runs by the memory of their outcomes, at once", () => {
    const started = performance.now();
    let error: unknown;
    try {
      planSweep(scenario, { vary: ["devices.0.count=1..10000:1"], runs: 100_000 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toMatch(
      /^--runs: the sweep needs about \d+\.\d GiB of memory \(the limit is 2\.0 GiB\), most of it for the outcomes of 10000 variants × 100000 runs/,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("refuses a sweep whose runs together exceed the event limit, and runs it once the limit is raised", () => {
    const busy = singleServer({ duration: "1h", group: { count: 2000 } });
    const plan = planSweep(busy, { vary: ["devices.0.count=500,1000"], runs: 3, maxEvents: 40_000 });
    expect(() => {
      checkSweepWork(plan, sweepJobs(plan));
    }).toThrow(/^--runs: 2 variants × 3 runs: the sweep would process about .* events \(the limit is 4e\+4/);
    expect(() => runSweep(busy, { vary: ["devices.0.count=500,1000"], runs: 3, maxEvents: 40_000 })).toThrow(
      ScenarioError,
    );
    expect(runSweep(busy, { vary: ["devices.0.count=10,20"], runs: 2 }).variants).toHaveLength(2);
  });
});

describe("each run's fixed cost", () => {
  // A run costs its set-up besides its events (about 100 µs for one device): a million 1-device runs were
  // accepted as "about a minute" of 8-event runs.
  it("refuses a million tiny runs, counting each run's fixed cost", () => {
    const tiny = singleServer({ replica: null, duration: "1h", group: { count: 1 } });
    const plan = planSweep(tiny, { vary: ["devices.0.count=1..10:1"], runs: 100_000 });
    expect(plan.variantEvents[0]).toBeGreaterThanOrEqual(RUN_FIXED_EVENTS);
    expect(() => {
      checkSweepWork(plan, sweepJobs(plan));
    }).toThrow(/^--runs: 10 variants × 100000 runs: the sweep would process about 2\.\de\+9 events/);
    // A thousand of them are well inside the limit.
    const small = planSweep(tiny, { vary: ["devices.0.count=1..10:1"], runs: 100 });
    expect(() => {
      checkSweepWork(small, sweepJobs(small));
    }).not.toThrow();
  });
});

describe("the sweep command against the limits", () => {
  for (const jobs of ["1", "2"])
    it(`names the variant over a limit with --jobs ${jobs}: exit 2, never an internal error`, async () => {
      const outcome = await runCli([
        "sweep",
        BASELINE,
        "--vary",
        "devices.0.count=10,20,20000000",
        "--runs",
        "1",
        "--jobs",
        jobs,
      ]);
      expectBadInput(outcome, BASELINE, "--vary devices.0.count=20000000", "the limit is 10000000");
    });

  it("report --vary names the variant too", async () => {
    const outcome = await runCli([
      "report",
      BASELINE,
      "--out",
      NEVER_WRITTEN,
      "--vary",
      "devices.0.count=10,20000000",
    ]);
    expectBadInput(outcome, "--vary devices.0.count=20000000");
    expect(existsSync(NEVER_WRITTEN)).toBe(false);
  });

  it("names the whole sweep's size by --runs alone, whether refused for memory or for time", async () => {
    const tooMany = ["sweep", BASELINE, "--vary", "devices.0.count=1..10000:1", "--runs", "100000"];
    const memory = await runCli(tooMany);
    expectBadInput(memory, "the sweep needs about");
    expect(memory.stderr).toMatch(/^mdmsim: --runs: the sweep needs about/);
    const time = await runCli(["sweep", BASELINE, "--vary", "devices.0.count=1000000", "--runs", "100"]);
    expectBadInput(time, "the sweep would process about");
    expect(time.stderr).toMatch(/^mdmsim: --runs: 1 variants × 100 runs: the sweep would process about/);
  });

  it("--max-events lets a sweep through that the default refuses, and checks its value", async () => {
    const args = [
      "sweep",
      BASELINE,
      "--vary",
      "devices.0.count=1000000",
      "--runs",
      "100",
      "--format",
      "json",
    ];
    expectBadInput(await runCli([...args, "--max-events", "0"]), "--max-events: expected a number >= 1");
    const refused = await runCli(args);
    expectBadInput(refused, "--runs: 1 variants × 100 runs: the sweep would process about");
    const listed = await runCli([...args, "--list"]);
    expect(listed.code).toBe(0);
  });
});

/** The shards of a small sweep, as files. */
function shards(count: number): ShardFile[] {
  return shardFiles(scenario, { vary: ["devices.0.count=3,4"], runs: 2 }, count);
}

/** The fields of a shard file these tests tamper with. */
interface Tampered {
  shard: { count: number };
  sweep: { runs: number };
  jobs: { metrics: (number | null)[] }[];
}

function edited(file: ShardFile, change: (data: Tampered) => void): ShardFile {
  const data = structuredClone(file.data) as Tampered;
  change(data);
  return { name: file.name, data };
}

describe("merge bounds what a shard may claim", () => {
  it("a shard count of 2^32 or 1e8 is a missing-shards message naming a few, at once", () => {
    for (const count of [2 ** 32, 1e8]) {
      const [one] = shards(1);
      const claimed = edited(one!, (d) => {
        d.shard.count = count;
        d.jobs = d.jobs.slice(0, 1); // shard 1 of that many holds only job 0
      });
      const started = performance.now();
      expect(() => mergeShards([claimed])).toThrow(UsageError);
      expect(() => mergeShards([claimed])).toThrow(
        /^merge: shards 2\/\d+, 3\/\d+, .* and \d+ more are missing$/,
      );
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it("refuses runs and variants beyond what a sweep may have, and impossible numbers", () => {
    const [one] = shards(1);
    const cases: [(d: Tampered) => void, RegExp][] = [
      [(d) => (d.sweep.runs = 1e8), /sweep\.runs: expected an integer from 1 to 100000/],
      [(d) => (d.sweep.runs = -1), /sweep\.runs/],
      [(d) => (d.jobs[0]!.metrics[7] = -3), /impossible numbers: devices\.connected is negative \(-3\)/],
      [(d) => (d.jobs[0]!.metrics[7] = 2.5), /devices\.connected is not a count \(2\.5\)/],
      [
        (d) => (d.jobs[0]!.metrics[1] = 1e9),
        /timeToFirstSuccessSeconds\.p50 \(1000000000\) is above timeToFirstSuccessSeconds\.p90/,
      ],
    ];
    for (const [change, message] of cases) expect(() => mergeShards([edited(one!, change)])).toThrow(message);
  });

  it("refuses a 200,000-deep value by its nesting, before parsing it", () => {
    const deep = `{"format":"mdmsim-sweep-shard","sweep":{"variants":[{"set":{"x":${"[".repeat(200_000)}${"]".repeat(200_000)}}}]}}`;
    expect(() => parseShardText("deep.json", deep)).toThrow(
      "deep.json: not a sweep shard (nesting deeper than 64 levels)",
    );
  });

  it("still merges honest shards", () => {
    expect(mergeShards(shards(3)).variants).toHaveLength(2);
  });
});
