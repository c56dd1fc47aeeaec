// `mdmsim sweep` and `mdmsim merge` on the command line: the same bytes whatever --jobs is (in-process and
// through bin/mdmsim), shards merged equal the whole, --list, formats and exit codes.
// The worker threads run dist/cli/sweepWorker.js (or dist/bin/ for the bin): `npm test` builds first.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, parseJson, runBin, runCli, expectBadInput } from "../helpers/cli.js";

const BASELINE = join(REPO_ROOT, "scenarios/baseline.json");
const INTERVAL = "site.replicas.replica1.syncInterval";
/** A small sweep: 3 × 2 variants × 3 runs of 60 devices. */
const SMALL = [
  "sweep",
  BASELINE,
  "--set",
  "devices.0.count=60",
  "--vary",
  `${INTERVAL}=1m,5m,10m`,
  "--vary",
  "devices.0.count=30,60",
  "--runs",
  "3",
];

/** What --jobs 4 says on stderr: the threads are lowered to the CPUs on a smaller machine (18 runs). */
const CPUS = availableParallelism();
const JOBS_4_NOTE =
  CPUS < 4
    ? `mdmsim: --jobs 4: using ${CPUS} worker thread${CPUS > 1 ? "s" : ""} (${CPUS} CPU${CPUS > 1 ? "s" : ""}, 18 runs to do)\n`
    : "";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-sweep-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("mdmsim sweep in-process", () => {
  it("prints the same bytes with --jobs 1 and --jobs 4 (json and table)", async () => {
    for (const format of ["json", "table"]) {
      const one = await runCli([...SMALL, "--jobs", "1", "--format", format]);
      const four = await runCli([...SMALL, "--jobs", "4", "--format", format]);
      expect(one.stderr).toBe("");
      expect(four.stderr).toBe(JOBS_4_NOTE);
      expect(four.stdout).toBe(one.stdout);
      expect(four.code).toBe(one.code);
    }
  });

  it("keeps a short sweep silent on a terminal's stderr and stdout unchanged", async () => {
    const tty = await runCli([...SMALL, "--jobs", "1"], { stderrIsTTY: true, stdoutIsTTY: true });
    expect(tty.stderr).toBe(""); // the bar appears only after about a second
    expect(tty.stdout).toBe((await runCli([...SMALL, "--jobs", "1"])).stdout);
  });

  it("prints the contract's document with --format json, and a csv row per variant", async () => {
    const csv = await runCli([...SMALL, "--jobs", "1", "--format", "csv"]);
    expect(csv.stdout.split("\n")[1]?.startsWith("1m,30,180,180,180,180,180,3,")).toBe(true);
    expect(csv.stdout.trimEnd().split("\n")).toHaveLength(7);
    const out = await runCli([
      ...SMALL,
      "--jobs",
      "1",
      "--format",
      "json",
      "--metric",
      "replicas.replica1.syncs",
    ]);
    const doc = parseJson(out.stdout);
    expect(Object.keys(doc)).toEqual(["format", "scenario", "runs", "seeds", "variants"]);
    expect(doc).toMatchObject({ scenario: "baseline", runs: 3, seeds: [1, 2, 3] });
    const variants = doc.variants as {
      set: object;
      metrics: Record<string, object>;
      expectations: object[];
    }[];
    expect(variants).toHaveLength(6);
    expect(variants[1]?.set).toEqual({ [INTERVAL]: "1m", "devices.0.count": 60 });
    expect(variants[0]?.metrics["timeToFirstSuccessSeconds.mean"]).toEqual({
      mean: 180,
      ci95: [180, 180],
      min: 180,
      max: 180,
      count: 3,
      method: "student-t",
    });
    expect(Object.keys(variants[0]?.metrics ?? {})).toContain("replicas.replica1.syncs");
    expect(variants[0]?.expectations).toEqual([
      { expression: "devices.neverConnected == 0", passedRuns: 3, passed: true },
      { expression: "failedAttemptsBeforeSuccess.max <= 2", passedRuns: 3, passed: true },
    ]);
  });

  it("exits 1 when an expectation failed in some run of some variant, 0 when all held", async () => {
    // The baseline's own "failedAttemptsBeforeSuccess.max <= 2" fails with a 10-minute replica.
    const failing = await runCli([...SMALL, "--jobs", "1"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("Failed expectations");
    const quiet = await runCli([...SMALL, "--jobs", "1", "--quiet"]);
    expect(quiet.stdout.startsWith("Failed expectations")).toBe(true);
    const holding = await runCli([
      "sweep",
      BASELINE,
      "--set",
      "devices.0.count=40",
      "--vary",
      `${INTERVAL}=1m,5m`,
      "--runs",
      "2",
      "--expect",
      "devices.connected == 40",
    ]);
    expect(holding.code, holding.stderr).toBe(0);
  });

  it("--list prints the variants and the number of runs without running", async () => {
    const table = await runCli([...SMALL, "--list"]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toBe(
      "mdmsim sweep: baseline (6 variants × 3 runs, seeds 1…3): 18 simulations",
    );
    expect(table.stdout).toMatch(/│ 6 │ 10m +│ 60 +│/);
    const json = parseJson((await runCli([...SMALL, "--list", "--format", "json"])).stdout);
    expect(json).toMatchObject({ scenario: "baseline", runs: 3, seeds: [1, 2, 3] });
    expect((json.variants as unknown[])[5]).toEqual({
      set: { [INTERVAL]: "10m", "devices.0.count": 60 },
      expectations: ["devices.neverConnected == 0", "failedAttemptsBeforeSuccess.max <= 2"],
    });
    // A million devices per run: only --list could answer this at once.
    const huge = await runCli([
      "sweep",
      BASELINE,
      "--vary",
      "devices.0.count=1000000",
      "--runs",
      "1000",
      "--list",
    ]);
    expect(huge.stdout).toContain("1000 simulations");
  });

  it("writes shards to stdout, and merge gives the whole sweep's bytes", async () => {
    const whole = await runCli([...SMALL, "--jobs", "1", "--format", "json"]);
    const files: Record<string, string> = {};
    for (const i of [1, 2, 3, 4]) {
      const shard = await runCli([...SMALL, "--jobs", "1", "--shard", `${i}/4`]);
      expect(shard.code, shard.stderr).toBe(0);
      files[`/virtual/s${i}.json`] = shard.stdout;
    }
    const merged = await runCli(["merge", ...Object.keys(files).reverse(), "--format", "json"], { files });
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(whole.code);
    const table = await runCli(["merge", ...Object.keys(files)], { files });
    expect(table.stdout).toBe((await runCli([...SMALL, "--jobs", "1"])).stdout);
  });

  it("rejects bad options with exit 2 and one line naming the option", async () => {
    expectBadInput(await runCli(["sweep", BASELINE]), "--vary: name at least one");
    expectBadInput(
      await runCli(["sweep", BASELINE, "--vary", "devices.0.count"]),
      "--vary devices.0.count: expected PATH=",
    );
    expectBadInput(
      await runCli(["sweep", BASELINE, "--vary", "devices.0.count=10,0"]),
      "scenarios/baseline.json, --vary devices.0.count=0: devices[0].count",
    );
    expectBadInput(await runCli([...SMALL, "--runs", "0"]), "--runs");
    expectBadInput(await runCli([...SMALL, "--jobs", "0"]), "--jobs");
    expectBadInput(await runCli([...SMALL, "--jobs", "two"]), "--jobs");
    expectBadInput(await runCli([...SMALL, "--shard", "5/4"]), "--shard 5/4");
    expectBadInput(await runCli([...SMALL, "--out", join(dir, "x.json")]), "--out: only with --shard");
    expectBadInput(
      await runCli([...SMALL, "--metric", "devices.nope", "--jobs", "2"]),
      "--metric devices.nope",
    );
    expectBadInput(await runCli([...SMALL, "--expect", "devices.nope == 0"]), "devices.nope");
    expectBadInput(await runCli([...SMALL, "--seed", "-1"]), "--seed");
    expectBadInput(await runCli(["merge", join(dir, "missing.json")]), "missing.json: cannot read the file");
    expectBadInput(await runCli(["merge", BASELINE]), "baseline.json: not a sweep shard");
  });
});

describe("bin/mdmsim sweep and merge", () => {
  it("prints the same bytes with --jobs 1 and --jobs 4", () => {
    const one = runBin([...SMALL, "--jobs", "1", "--format", "json"]);
    const four = runBin([...SMALL, "--jobs", "4", "--format", "json"]);
    expect(one.stderr).toBe("");
    expect(four.stderr).toBe(JOBS_4_NOTE); // no warnings from the worker threads, no progress on a pipe
    expect(four.stdout).toBe(one.stdout);
    expect(one.code).toBe(1);
    expect(four.code).toBe(1);
    const table = runBin([...SMALL, "--jobs", "4"]);
    expect(table.stdout).toBe(runBin([...SMALL, "--jobs", "1"]).stdout);
  });

  it("merges shards written with --out into the whole sweep's bytes", () => {
    const whole = runBin([...SMALL, "--jobs", "2", "--format", "json"]);
    const files = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
    files.forEach((file, i) => {
      // One shard through the pool, the others in the main thread: a shard is the same either way.
      const out = runBin([...SMALL, "--shard", `${i + 1}/3`, "--out", file, "--jobs", i === 0 ? "2" : "1"]);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toBe("");
      expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ format: "mdmsim-sweep-shard/1" });
    });
    const merged = runBin(["merge", files[2]!, files[0]!, files[1]!, "--format", "json"]);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(1);
    expectBadInput(runBin(["merge", files[0]!, files[1]!]), "shard 3/3 is missing");
  });
});
