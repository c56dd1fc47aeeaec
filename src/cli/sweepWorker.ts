// The worker thread entry of the sweep pool (piscina loads this file and calls its default export once
// per task). A task is one (variant, run) job; the answer is plain data. Bad input found while running
// (a --metric path that names nothing in a variant's result) comes back as data too, because an error
// thrown across threads loses its class, and the class decides the exit code (2, not 3).
import { UsageError } from "../errors.js";
import { runJob, type JobInput, type JobOutcome } from "../sweep/job.js";

/** A worker's answer to one task. */
export type WorkerAnswer =
  { readonly ok: true; readonly outcome: JobOutcome } | { readonly ok: false; readonly usage: string };

/** Runs one job; anything but a UsageError is a bug and is thrown (with its stack) to the pool. */
export default function sweepTask(input: JobInput): WorkerAnswer {
  try {
    return { ok: true, outcome: runJob(input) };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, usage: error.message };
    throw error;
  }
}
