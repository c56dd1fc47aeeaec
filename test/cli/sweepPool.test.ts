// The worker threads of sweep, compare and report --vary: the memory limit is the process's, so threads
// share it. Two threads each at the per-run limit reached 4.85 GB.
import { describe, expect, it } from "vitest";
import { runCommandJobs } from "../../src/cli/sweepPool.js";
import { planSweep, sweepJobs } from "../../src/sweep/sweep.js";
import { threadsForMemory } from "../../src/sweep/threads.js";
import { captureIo } from "../helpers/cli.js";
import { singleServer } from "../helpers/scenarios.js";

const GIB = 1024 ** 3;
const scenario = singleServer({ duration: "1h", group: { count: 5 } });

describe("worker threads within the process's memory", () => {
  it("plans each variant's memory per run, and fits as many runs at once as the limit holds", () => {
    const plan = planSweep(scenario, { vary: ["devices.0.count=5,10"], runs: 2 });
    expect(plan.variantMemory).toHaveLength(2);
    expect(plan.variantMemory[0]).toBeGreaterThan(0);
    const jobs = sweepJobs(plan);
    expect(threadsForMemory({ variantMemory: [1.5 * GIB, 0.1 * GIB] }, jobs)).toBe(1);
    expect(threadsForMemory({ variantMemory: [0.6 * GIB, 0.1 * GIB] }, jobs)).toBe(3);
    // Only the jobs to run count: a shard without the large variant may use more threads.
    expect(threadsForMemory({ variantMemory: [1.5 * GIB, 0.1 * GIB] }, jobs.slice(2))).toBe(20);
  });

  it("--jobs 2 with runs of 1.5 GiB each uses one thread, and says so", async () => {
    const plan = planSweep(scenario, { vary: ["devices.0.count=5,10"], runs: 2 });
    const { io, stderr } = captureIo();
    const outcomes = await runCommandJobs(
      io,
      { ...plan, variantMemory: [1.5 * GIB, 1.5 * GIB] },
      sweepJobs(plan),
      { requested: 2, quiet: false },
    );
    expect(outcomes).toHaveLength(4);
    expect(stderr()).toContain(
      "mdmsim: using 1 worker thread, not 2: each run needs about 1.5 GiB and the limit is 2.0 GiB for the process\n",
    );
  });
});
