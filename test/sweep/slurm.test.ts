// The sweep on a real batch system: a one-node Slurm cluster (Debian's slurm-wlm and munge, started by
// the test in a folder of its own) runs the shipped recipe — docs/recipes/slurm/sweep.sbatch as a 4-task
// job array with --shard auto, then merge.sbatch as a job that depends on it (afterok) — and the merged
// document must equal the same sweep run in one process, byte for byte. In CI (CI=true) a missing Slurm
// is a failure, never a silent skip: .ci/run installs it.
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, REPO_ROOT, runBin } from "../helpers/cli.js";
import {
  canRunSlurm,
  findSlurm,
  startSlurm,
  waitForJob,
  type SlurmCluster,
} from "../helpers/slurmCluster.js";

const IN_CI = process.env.CI === "true";
const RECIPES = join(REPO_ROOT, "docs", "recipes", "slurm");
const SWEEP = [
  join(REPO_ROOT, "scenarios", "baseline.json"),
  "--set",
  "devices.0.count=200",
  "--vary",
  "site.replicas.replica1.syncInterval=1m,3m,5m",
  "--vary",
  "devices.0.polling.0.every=3m,4m",
  "--runs",
  "3",
];

it.runIf(IN_CI)("Slurm and munge are installed in CI, run as root (.ci/run installs them)", () => {
  expect(findSlurm(), "slurmctld, slurmd, munged, sbatch, sinfo or scontrol not found").not.toBeNull();
  expect(process.getuid?.()).toBe(0);
});

describe.skipIf(!canRunSlurm())("a sweep as a Slurm job array (real slurmctld and slurmd)", () => {
  let cluster: SlurmCluster | undefined;
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    cluster = await startSlurm();
  }, 60_000);

  afterAll(async () => {
    if (cluster === undefined) return;
    await cluster.stop();
    rmSync(cluster.dir, { recursive: true, force: true });
  }, 60_000);

  it("4 array tasks with --shard auto, merged by a dependent job, equal one process byte for byte", async () => {
    if (cluster === undefined) throw new Error("the cluster did not start");
    const work = join(cluster.dir, "work");
    mkdirSync(work);
    const env = `ALL,MDMSIM=${process.execPath} ${BIN},PARTS=${work}/parts,RESULT=${work}/sweep.json`;
    const array = cluster
      .command(
        "sbatch",
        ["--parsable", "--array=0-3", `--export=${env}`, join(RECIPES, "sweep.sbatch"), ...SWEEP],
        work,
      )
      .trim()
      .split(";")[0];
    expect(array).toMatch(/^\d+$/);
    const merge = cluster
      .command(
        "sbatch",
        ["--parsable", `--dependency=afterok:${array}`, `--export=${env}`, join(RECIPES, "merge.sbatch")],
        work,
      )
      .trim()
      .split(";")[0];
    const final = await waitForJob(cluster, merge ?? "", 150_000);
    const logs = readdirSync(work)
      .filter((f) => f.endsWith(".log"))
      .sort()
      .map((f) => `--- ${f}\n${readFileSync(join(work, f), "utf8")}`)
      .join("\n");
    expect(final.state, logs).toBe("COMPLETED");

    // Each task named its own slice on stderr (its log), from Slurm's variables.
    for (let task = 0; task < 4; task++)
      expect(logs).toContain(`shard ${task + 1}/4 from Slurm (SLURM_ARRAY_TASK_ID=${task}`);
    expect(readdirSync(join(work, "parts")).sort()).toEqual([0, 1, 2, 3].map((i) => `shard-${i}.json`));

    const single = runBin(["sweep", ...SWEEP, "--format", "json", "--jobs", "1"]);
    expect(single.code, single.stderr).toBe(0);
    expect(readFileSync(join(work, "sweep.json"), "utf8")).toBe(single.stdout);
    console.log(
      `Slurm sweep test: cluster start to merged result in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 180_000);
});
