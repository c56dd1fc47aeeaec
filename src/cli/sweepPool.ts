// Runs a sweep's jobs: in this thread for --jobs 1, else on a piscina pool of worker threads. Outcomes
// are stored by job position, never in completion order, so the document is the same whatever --jobs is.
import { plural } from "../report/plural.js";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import { RUN_LIMITS } from "../model/estimate.js";
import type { JobInput, JobOutcome } from "../sweep/job.js";
import { plannedJobInput, runPlannedJob, type SweepJob, type SweepPlan } from "../sweep/sweep.js";
import { largestRunMemory, threadsForMemory } from "../sweep/threads.js";
import type { CliIo } from "./io.js";
import { workerThreads } from "./options.js";
import { progressBar } from "./progress.js";
import type { WorkerAnswer } from "./sweepWorker.js";

/** Options of `runJobs`. */
export interface RunJobsOptions {
  /** Worker threads; 1 runs everything in this thread and never loads piscina. */
  readonly jobs: number;
  /** Called with the number of finished jobs after each one. */
  readonly onProgress?: (done: number) => void;
}

// The worker file beside this module: dist/cli/ (library, compiled), or dist/bin/ (the bundle, where
// scripts/bundle.mjs emits it as an entry of its own). Under vitest this module is src/cli/*.ts, which a
// worker thread cannot load, so the compiled dist/cli/ copy is used (tests build first).
const WORKER_CANDIDATES = ["./sweepWorker.js", "../../dist/cli/sweepWorker.js"];

/**
 * The sweep worker's file.
 * @throws Error when neither candidate exists (the package was not built)
 */
export function sweepWorkerFile(): string {
  for (const candidate of WORKER_CANDIDATES) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return fileURLToPath(url);
  }
  throw new Error(
    `the sweep worker (sweepWorker.js) is missing beside ${import.meta.url}: run npm run build`,
  );
}

/** Whether `runJobs` runs `count` jobs on worker threads (else all in this thread). */
export function usesPool(jobs: number, count: number): boolean {
  return jobs > 1 && count > 2;
}

/**
 * Runs `task(0)` … `task(count − 1)` with at most `window` of them in flight, started in order: a sweep's
 * million jobs are never a million queued tasks (each holding its variant's scenario). After a failure no
 * task starts; those in flight finish, and the failure of the lowest task is thrown, whatever order the
 * threads finished in.
 */
async function inWindow(count: number, window: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: { i: number; reason: unknown }[] = [];
  const lane = async (): Promise<void> => {
    while (failures.length === 0 && next < count) {
      const i = next++;
      try {
        await task(i);
      } catch (reason) {
        failures.push({ i, reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
  if (failures.length > 0) throw failures.reduce((a, b) => (b.i < a.i ? b : a)).reason;
}

/**
 * Runs jobs of a planned sweep and returns their outcomes in the order of `jobs`.
 *
 * The first job always runs in this thread: a bad `--metric` path or expectation then fails with its own
 * error class (exit 2) before any worker does anything. With more than one worker the pool of
 * `min(jobs, remaining)` threads is created first, so the threads boot while this thread runs that job;
 * piscina is imported only then, so other commands never load it.
 * @throws UsageError when a metric path or an expectation names nothing in a result (the lowest job's)
 */
export async function runJobs(
  plan: SweepPlan,
  jobs: readonly SweepJob[],
  options: RunJobsOptions,
): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  const [head, ...rest] = jobs;
  if (head === undefined) return outcomes;
  let done = 0;
  const progress = () => {
    done++;
    options.onProgress?.(done);
  };
  if (!usesPool(options.jobs, jobs.length)) {
    for (const job of jobs) {
      outcomes.push(runPlannedJob(plan, job));
      progress();
    }
    return outcomes;
  }
  const { Piscina } = await import("piscina");
  const threads = Math.min(options.jobs, rest.length);
  const pool = new Piscina<JobInput, WorkerAnswer>({
    filename: sweepWorkerFile(),
    minThreads: threads,
    maxThreads: threads,
  });
  try {
    outcomes.push(runPlannedJob(plan, head));
    progress();
    await inWindow(rest.length, threads * 2, async (i) => {
      const job = rest[i];
      if (job === undefined) throw new RangeError(`no job at ${i}`);
      const answer = await pool.run(plannedJobInput(plan, job));
      if (!answer.ok) throw new UsageError(answer.usage);
      outcomes[i + 1] = answer.outcome;
      progress();
    });
    return outcomes;
  } finally {
    await pool.destroy();
  }
}

/** `threads` cut to the runs that fit in the process's memory limit together, said on stderr when it is. */
function memoryCappedThreads(
  io: CliIo,
  plan: SweepPlan,
  jobs: readonly SweepJob[],
  threads: number,
  quiet: boolean,
): number {
  const fit = threadsForMemory(plan, jobs);
  if (fit >= threads) return threads;
  if (!quiet) {
    const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
    io.stderr(
      `mdmsim: using ${plural(fit, "worker thread")}, not ${threads}: each run needs about ${gib(largestRunMemory(plan, jobs))} and the limit is ${gib(RUN_LIMITS.maxMemoryBytes)} for the process\n`,
    );
  }
  return fit;
}

/**
 * A command's jobs of a plan (sweep, report --vary, compare): the worker threads `--jobs` asks for, capped by
 * `workerThreads`, a progress bar on stderr, and the outcomes in job order.
 */
export async function runCommandJobs(
  io: CliIo,
  plan: SweepPlan,
  jobs: readonly SweepJob[],
  options: { readonly requested: number | undefined; readonly quiet: boolean; readonly label?: string },
): Promise<JobOutcome[]> {
  const threads = memoryCappedThreads(
    io,
    plan,
    jobs,
    workerThreads(io, options.requested, jobs.length, options.quiet),
    options.quiet,
  );
  const progress = progressBar(io, jobs.length, {
    ...(options.label !== undefined ? { label: options.label } : {}),
    interruptible: usesPool(threads, jobs.length),
  });
  try {
    return await runJobs(plan, jobs, { jobs: threads, onProgress: progress.update });
  } finally {
    progress.finish(); // an error message must not land at the end of a half-drawn bar
  }
}
