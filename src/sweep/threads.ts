// How many of a plan's runs may run at once: the memory limit is the process's, not each run's, so worker
// threads share it (two threads each at the per-run limit reached 4.85 GB). The CLI asks for threads;
// this caps them.
import { RUN_LIMITS } from "../model/estimate.js";
import type { SweepJob, SweepPlan } from "./sweep.js";

/** The largest estimated memory of one run among `jobs`, bytes. */
export function largestRunMemory(plan: Pick<SweepPlan, "variantMemory">, jobs: readonly SweepJob[]): number {
  let largest = 0;
  for (const job of jobs) largest = Math.max(largest, plan.variantMemory[job.variant] ?? 0);
  return largest;
}

/** The most runs of `jobs` that fit in the memory limit together (1 at least: each run alone fits). */
export function threadsForMemory(plan: Pick<SweepPlan, "variantMemory">, jobs: readonly SweepJob[]): number {
  const perRun = largestRunMemory(plan, jobs);
  return perRun > 0 ? Math.max(1, Math.floor(RUN_LIMITS.maxMemoryBytes / perRun)) : Number.MAX_SAFE_INTEGER;
}
