// `--shard auto`: the slice I/N read from the variables a batch system gives each task of a job array.
// Pure: the shell passes its environment in, so tests set any engine's variables without a cluster.
//
// Slurm numbers tasks by its `--array` range (0-3, 1-4, 0-15:4), so a task's place is counted from
// SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP; an array given as a list with gaps (1,3,7) has
// no such place and is refused rather than guessed. Kubernetes Indexed Jobs and AWS Batch arrays number
// tasks from 0 and do not tell the count, which MDMSIM_SHARD_COUNT carries.
import { UsageError } from "../errors.js";
import type { ShardSpec } from "./shard.js";

/** The environment as the shell has it: names to values, absent names undefined. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where an automatic slice came from, for the line the shell prints on stderr. */
export interface AutoShard {
  readonly shard: ShardSpec;
  /** The batch system whose variables gave it: `Slurm`, `Kubernetes` or `AWS Batch`. */
  readonly engine: string;
  /** The variables read, as NAME=VALUE, in the order they were used. */
  readonly variables: readonly string[];
}

/** The count for the batch systems that do not tell it (Kubernetes, AWS Batch), or to check Slurm's. */
const COUNT = "MDMSIM_SHARD_COUNT";
/** Slurm's array variables, in the order the stderr line names them. */
const SLURM = [
  "SLURM_ARRAY_TASK_ID",
  "SLURM_ARRAY_TASK_MIN",
  "SLURM_ARRAY_TASK_MAX",
  "SLURM_ARRAY_TASK_STEP",
  "SLURM_ARRAY_TASK_COUNT",
] as const;

const PREFIX = "--shard auto";

function present(env: Environment, name: string): boolean {
  const value = env[name];
  return value !== undefined && value.trim() !== "";
}

/** A variable's value as a whole number ≥ `least`, or a UsageError naming it. */
function wholeNumber(env: Environment, name: string, least: number): number {
  const text = (env[name] ?? "").trim();
  const value = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < least)
    throw new UsageError(
      `${PREFIX}: ${name}=${JSON.stringify(env[name])}: expected a whole number >= ${least}`,
    );
  return value;
}

function used(env: Environment, names: readonly string[]): string[] {
  return names.filter((n) => present(env, n)).map((n) => `${n}=${(env[n] ?? "").trim()}`);
}

/** A 0-based index and the count from MDMSIM_SHARD_COUNT (Kubernetes, AWS Batch). */
function zeroBased(env: Environment, engine: string, indexName: string): AutoShard {
  if (!present(env, COUNT))
    throw new UsageError(
      `${PREFIX}: ${indexName} is set (${engine}) but ${COUNT} is not: ` +
        `set it to the number of tasks (the job's completions or array size)`,
    );
  const index = wholeNumber(env, indexName, 0);
  const count = wholeNumber(env, COUNT, 1);
  if (index >= count)
    throw new UsageError(
      `${PREFIX}: ${indexName}=${index} is outside ${COUNT}=${count} tasks (indices 0 to ${count - 1})`,
    );
  return {
    shard: { index: index + 1, count },
    engine,
    variables: used(env, [indexName, COUNT]),
  };
}

function slurm(env: Environment): AutoShard {
  const id = wholeNumber(env, "SLURM_ARRAY_TASK_ID", 0);
  const hasRange = present(env, "SLURM_ARRAY_TASK_MIN") && present(env, "SLURM_ARRAY_TASK_MAX");
  const hasCount = present(env, "SLURM_ARRAY_TASK_COUNT");
  if (!hasRange && !hasCount)
    throw new UsageError(
      `${PREFIX}: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX ` +
        `nor SLURM_ARRAY_TASK_COUNT is: submit the sweep as a job array (sbatch --array=0-N)`,
    );
  let index: number;
  let count: number;
  if (hasRange) {
    const min = wholeNumber(env, "SLURM_ARRAY_TASK_MIN", 0);
    const max = wholeNumber(env, "SLURM_ARRAY_TASK_MAX", min);
    const step = present(env, "SLURM_ARRAY_TASK_STEP") ? wholeNumber(env, "SLURM_ARRAY_TASK_STEP", 1) : 1;
    if ((max - min) % step !== 0 || id < min || id > max || (id - min) % step !== 0)
      throw new UsageError(
        `${PREFIX}: SLURM_ARRAY_TASK_ID=${id} is not a task of the array ${min}-${max}:${step}`,
      );
    count = (max - min) / step + 1;
    index = (id - min) / step + 1;
    if (hasCount) {
      const told = wholeNumber(env, "SLURM_ARRAY_TASK_COUNT", 1);
      if (told !== count)
        throw new UsageError(
          `${PREFIX}: SLURM_ARRAY_TASK_COUNT=${told} but the array ${min}-${max}:${step} has ${count} tasks: ` +
            `an array given as a list with gaps cannot be sharded automatically; use --array=A-B or --shard I/N`,
        );
    }
  } else {
    // Without the range Slurm's ids are taken to run 0 … COUNT−1, as `--array=0-(N−1)` gives them.
    count = wholeNumber(env, "SLURM_ARRAY_TASK_COUNT", 1);
    if (id >= count)
      throw new UsageError(
        `${PREFIX}: SLURM_ARRAY_TASK_ID=${id} is outside SLURM_ARRAY_TASK_COUNT=${count} tasks (ids 0 to ${count - 1})`,
      );
    index = id + 1;
  }
  if (present(env, COUNT)) {
    const told = wholeNumber(env, COUNT, 1);
    if (told !== count)
      throw new UsageError(`${PREFIX}: ${COUNT}=${told} contradicts the Slurm array's ${count} tasks`);
  }
  return {
    shard: { index, count },
    engine: "Slurm",
    variables: used(env, [...SLURM, COUNT]),
  };
}

/**
 * The slice of this task of a job array, from Slurm's, a Kubernetes Indexed Job's or an AWS Batch
 * array job's variables.
 * @throws UsageError when none is present, when more than one batch system's index is set, or when the
 *   variables contradict each other (an index outside the count)
 */
export function shardFromEnvironment(env: Environment): AutoShard {
  const engines = [
    present(env, "SLURM_ARRAY_TASK_ID") ? "Slurm (SLURM_ARRAY_TASK_ID)" : undefined,
    present(env, "JOB_COMPLETION_INDEX") ? "Kubernetes (JOB_COMPLETION_INDEX)" : undefined,
    present(env, "AWS_BATCH_JOB_ARRAY_INDEX") ? "AWS Batch (AWS_BATCH_JOB_ARRAY_INDEX)" : undefined,
  ].filter((e): e is string => e !== undefined);
  if (engines.length === 0)
    throw new UsageError(
      `${PREFIX}: no job-array variables are set: looked for SLURM_ARRAY_TASK_ID (with ` +
        `SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_MAX, or SLURM_ARRAY_TASK_COUNT), JOB_COMPLETION_INDEX ` +
        `or AWS_BATCH_JOB_ARRAY_INDEX (both with ${COUNT}); outside a job array use --shard I/N`,
    );
  if (engines.length > 1)
    throw new UsageError(`${PREFIX}: more than one batch system's index is set: ${engines.join(", ")}`);
  if (present(env, "SLURM_ARRAY_TASK_ID")) return slurm(env);
  if (present(env, "JOB_COMPLETION_INDEX")) return zeroBased(env, "Kubernetes", "JOB_COMPLETION_INDEX");
  return zeroBased(env, "AWS Batch", "AWS_BATCH_JOB_ARRAY_INDEX");
}
