// The shards of a small sweep as files, for merge tests and the fuzz suite.
import { makeShard, shardJobs, sweepFingerprint, type ShardFile } from "../../src/sweep/shard.js";
import { planSweep, runPlannedJob, sweepJobs, type SweepOptions } from "../../src/sweep/sweep.js";
import type { Scenario } from "../../src/scenario/schema.js";

/** Every shard 1/N … N/N of a sweep as the JSON a file would hold, parsed back, named "sI.json". */
export function shardFiles(scenario: Scenario, options: SweepOptions, count: number): ShardFile[] {
  const plan = planSweep(scenario, options);
  const all = sweepJobs(plan);
  return Array.from({ length: count }, (_, i) => {
    const spec = { index: i + 1, count };
    const mine = shardJobs(all, spec);
    const outcomes = mine.map((job) => runPlannedJob(plan, job));
    const shard = makeShard(
      plan,
      sweepFingerprint(scenario, options.expectations ?? []),
      spec,
      mine,
      outcomes,
    );
    return { name: `s${i + 1}.json`, data: JSON.parse(JSON.stringify(shard)) as unknown };
  });
}
