// --shard auto: the slice from Slurm, Kubernetes Indexed Job and AWS Batch array variables.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { shardFromEnvironment, type Environment } from "../../src/sweep/shardEnvironment.js";

function refusal(env: Environment): string {
  try {
    shardFromEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("Slurm job arrays", () => {
  it("counts the task's place from the array's first id", () => {
    const env = { SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "4", SLURM_ARRAY_TASK_COUNT: "4" };
    expect(
      [1, 2, 3, 4].map((id) => shardFromEnvironment({ ...env, SLURM_ARRAY_TASK_ID: `${id}` }).shard),
    ).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
  });

  it("follows a step (--array=0-12:4 is four tasks)", () => {
    const env = { SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_MAX: "12", SLURM_ARRAY_TASK_STEP: "4" };
    expect(shardFromEnvironment({ ...env, SLURM_ARRAY_TASK_ID: "8", SLURM_ARRAY_TASK_COUNT: "4" })).toEqual({
      shard: { index: 3, count: 4 },
      engine: "Slurm",
      variables: [
        "SLURM_ARRAY_TASK_ID=8",
        "SLURM_ARRAY_TASK_MIN=0",
        "SLURM_ARRAY_TASK_MAX=12",
        "SLURM_ARRAY_TASK_STEP=4",
        "SLURM_ARRAY_TASK_COUNT=4",
      ],
    });
    expect(refusal({ ...env, SLURM_ARRAY_TASK_ID: "6" })).toContain("is not a task of the array 0-12:4");
  });

  it("takes ids 0 … COUNT−1 when only the count is given", () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "5" }).shard).toEqual({
      index: 3,
      count: 5,
    });
    expect(refusal({ SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_COUNT: "5" })).toContain(
      "SLURM_ARRAY_TASK_ID=5 is outside SLURM_ARRAY_TASK_COUNT=5 tasks",
    );
  });

  it("refuses an array given as a list with gaps, an id outside the range and a contradicting count", () => {
    const list = { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "7" };
    expect(refusal({ ...list, SLURM_ARRAY_TASK_COUNT: "3" })).toContain("a list with gaps");
    expect(refusal({ ...list, SLURM_ARRAY_TASK_ID: "9" })).toContain("is not a task of the array 1-7:1");
    expect(refusal({ ...list, MDMSIM_SHARD_COUNT: "4" })).toContain("MDMSIM_SHARD_COUNT=4 contradicts");
    expect(shardFromEnvironment({ ...list, MDMSIM_SHARD_COUNT: "7" }).shard).toEqual({ index: 3, count: 7 });
    expect(refusal({ SLURM_ARRAY_TASK_ID: "0" })).toContain("submit the sweep as a job array");
    expect(refusal({ SLURM_ARRAY_TASK_ID: "x", SLURM_ARRAY_TASK_COUNT: "2" })).toContain(
      'SLURM_ARRAY_TASK_ID="x": expected a whole number >= 0',
    );
  });
});

describe.each([
  ["Kubernetes", "JOB_COMPLETION_INDEX"],
  ["AWS Batch", "AWS_BATCH_JOB_ARRAY_INDEX"],
])("%s (0-based %s, count from MDMSIM_SHARD_COUNT)", (engine, variable) => {
  it("maps index i of N to shard i+1/N", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.constant(n))),
        ([i, n]) => {
          const auto = shardFromEnvironment({ [variable]: `${i}`, MDMSIM_SHARD_COUNT: `${n}` });
          expect(auto.shard).toEqual({ index: i + 1, count: n });
          expect(auto.engine).toBe(engine);
        },
      ),
    );
  });

  it("refuses a missing count, an index outside it and a negative or non-numeric value", () => {
    expect(refusal({ [variable]: "0" })).toContain("MDMSIM_SHARD_COUNT is not");
    expect(refusal({ [variable]: "4", MDMSIM_SHARD_COUNT: "4" })).toContain(`${variable}=4 is outside`);
    expect(refusal({ [variable]: "-1", MDMSIM_SHARD_COUNT: "4" })).toContain("expected a whole number >= 0");
    expect(refusal({ [variable]: "1", MDMSIM_SHARD_COUNT: "0" })).toContain("expected a whole number >= 1");
  });
});

it("with no job-array variables names every variable it looked for", () => {
  const message = refusal({ PATH: "/usr/bin", MDMSIM_SHARD_COUNT: "4", JOB_COMPLETION_INDEX: " " });
  for (const name of [
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_MAX",
    "SLURM_ARRAY_TASK_COUNT",
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
    "MDMSIM_SHARD_COUNT",
  ])
    expect(message).toContain(name);
});

it("refuses two batch systems' indices at once rather than choosing one", () => {
  expect(
    refusal({
      SLURM_ARRAY_TASK_ID: "0",
      SLURM_ARRAY_TASK_COUNT: "2",
      JOB_COMPLETION_INDEX: "0",
      MDMSIM_SHARD_COUNT: "2",
    }),
  ).toContain("more than one batch system's index is set: Slurm (SLURM_ARRAY_TASK_ID), Kubernetes");
});
