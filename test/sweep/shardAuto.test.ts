// `sweep --shard auto` through the real bin/mdmsim: four processes with one batch system's variables set
// by hand, then `merge`, give the same bytes as the sweep in one process — for Slurm, Kubernetes and
// AWS Batch alike.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, expectBadInput, runBin } from "../helpers/cli.js";

const SWEEP = [
  "sweep",
  join(REPO_ROOT, "scenarios", "baseline.json"),
  "--set",
  "devices.0.count=60",
  "--vary",
  "site.replicas.replica1.syncInterval=1m,3m,5m",
  "--runs",
  "2",
  "--jobs",
  "1",
];

// Every variable --shard auto reads, blank: a test must not pick up the machine's own.
const CLEAN = Object.fromEntries(
  [
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_MAX",
    "SLURM_ARRAY_TASK_STEP",
    "SLURM_ARRAY_TASK_COUNT",
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
    "MDMSIM_SHARD_COUNT",
  ].map((name) => [name, ""]),
);

const dir = mkdtempSync(join(tmpdir(), "mdmsim-shard-auto-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const single = runBin([...SWEEP, "--format", "json"]);

describe.each([
  [
    "Slurm",
    (i: number) => ({
      SLURM_ARRAY_TASK_ID: `${i + 1}`,
      SLURM_ARRAY_TASK_MIN: "1",
      SLURM_ARRAY_TASK_MAX: "4",
    }),
  ],
  ["Kubernetes", (i: number) => ({ JOB_COMPLETION_INDEX: `${i}`, MDMSIM_SHARD_COUNT: "4" })],
  ["AWS Batch", (i: number) => ({ AWS_BATCH_JOB_ARRAY_INDEX: `${i}`, MDMSIM_SHARD_COUNT: "4" })],
])("%s variables", (engine, variables) => {
  it("four processes and merge equal the one-process sweep byte for byte", () => {
    expect(single.code, single.stderr).toBe(0);
    const parts = [0, 1, 2, 3].map((i) => {
      const out = join(dir, `${engine}-${i}.json`);
      const shard = runBin([...SWEEP, "--shard", "auto", "--out", out], { ...CLEAN, ...variables(i) });
      expect(shard.code, shard.stderr).toBe(0);
      expect(shard.stdout).toBe("");
      expect(shard.stderr).toContain(`--shard auto: shard ${i + 1}/4 from ${engine} (`);
      expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({ shard: { index: i + 1, count: 4 } });
      return out;
    });
    const merged = runBin(["merge", ...parts.reverse(), "--format", "json"]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
  });
});

it("outside a job array --shard auto is exit 2 naming the variables it looked for", () => {
  expectBadInput(
    runBin([...SWEEP, "--shard", "auto"], CLEAN),
    "--shard auto: no job-array variables are set",
    "SLURM_ARRAY_TASK_ID",
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
    "MDMSIM_SHARD_COUNT",
  );
});

it("an index outside the count is exit 2", () => {
  expectBadInput(
    runBin([...SWEEP, "--shard", "auto"], { ...CLEAN, JOB_COMPLETION_INDEX: "4", MDMSIM_SHARD_COUNT: "4" }),
    "JOB_COMPLETION_INDEX=4 is outside MDMSIM_SHARD_COUNT=4 tasks",
  );
});
