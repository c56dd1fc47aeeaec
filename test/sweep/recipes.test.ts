// The shipped batch recipes (docs/recipes/) are complete enough to copy: the Kubernetes manifests parse,
// declare an Indexed Job whose completions equal MDMSIM_SHARD_COUNT, and their containers' commands,
// run here by sh with the volumes as folders and `mdmsim` on PATH, give the one-process sweep's bytes.
// The Slurm scripts are run on a real Slurm by slurm.test.ts; here bash checks their syntax.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { afterAll, expect, it } from "vitest";
import { BIN, REPO_ROOT, runBin } from "../helpers/cli.js";

const RECIPES = join(REPO_ROOT, "docs", "recipes");

interface Container {
  command: string[];
  args: string[];
  env?: { name: string; value: string }[];
}

function jobs(file: string): Record<string, { spec: Record<string, unknown>; container: Container }> {
  const docs = parseAllDocuments(readFileSync(join(RECIPES, "kubernetes", file), "utf8")).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> },
  );
  const out: Record<string, { spec: Record<string, unknown>; container: Container }> = {};
  for (const doc of docs.filter((d) => d.kind === "Job")) {
    const template = doc.spec.template as { spec: { containers: Container[] } };
    out[doc.metadata.name] = { spec: doc.spec, container: template.spec.containers[0] as Container };
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), "mdmsim-recipes-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a container's `sh -c` command with /scenario and /parts as folders here and mdmsim on PATH. */
function runContainer(
  container: Container,
  env: Record<string, string>,
): { status: number | null; stderr: string } {
  expect(container.command).toEqual(["sh", "-c"]);
  const script = (container.args[0] ?? "")
    .replaceAll("/scenario/", `${dir}/scenario/`)
    .replaceAll("/parts/", `${dir}/parts/`);
  const run = spawnSync("sh", ["-c", script], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH ?? ""}`, ...env },
  });
  return { status: run.status, stderr: run.stderr };
}

it("the Kubernetes Indexed Job and merge Job give the one-process sweep's result", () => {
  const { "mdmsim-sweep": sweep } = jobs("sweep.yaml");
  const { "mdmsim-merge": merge } = jobs("merge.yaml");
  expect(sweep?.spec).toMatchObject({ completionMode: "Indexed" });
  const completions = sweep?.spec.completions as number;
  const count = sweep?.container.env?.find((e) => e.name === "MDMSIM_SHARD_COUNT")?.value;
  expect(count).toBe(String(completions));
  expect(sweep?.container.args[0]).toContain("--shard auto");

  for (const sub of ["scenario", "parts", "bin"]) mkdirSync(join(dir, sub));
  copyFileSync(join(REPO_ROOT, "scenarios", "baseline.json"), join(dir, "scenario", "site.json"));
  writeFileSync(join(dir, "bin", "mdmsim"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, "bin", "mdmsim"), 0o755);

  for (let index = 0; index < completions; index++) {
    const shard = runContainer(sweep!.container, {
      JOB_COMPLETION_INDEX: `${index}`,
      MDMSIM_SHARD_COUNT: count ?? "",
    });
    expect(shard.status, shard.stderr).toBe(0);
  }
  const merged = runContainer(merge!.container, {});

  // The same sweep in one process: the container's arguments up to --shard, with the scenario copied here.
  const words = (sweep!.container.args[0] ?? "").split(/\s+/).filter((w) => w !== "");
  const args = words
    .slice(1, words.indexOf("--shard"))
    .map((w) => w.replace("/scenario/", `${dir}/scenario/`));
  const single = runBin([...args, "--format", "json"]);
  // The merge Job ends as mdmsim does: 1 when an expectation failed in some run (the baseline's do).
  expect(single.code, single.stderr).toBeLessThanOrEqual(1);
  expect(merged.status, merged.stderr).toBe(single.code);
  expect(readFileSync(join(dir, "parts", "sweep.json"), "utf8")).toBe(single.stdout);
}, 60_000);

it("the Slurm scripts are valid bash", () => {
  for (const file of ["sweep.sbatch", "merge.sbatch"]) {
    const check = spawnSync("bash", ["-n", join(RECIPES, "slurm", file)], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
  }
});
