// The attack review's cases against the real program (bin/mdmsim): hostile files and sizes are refused
// within safety bounds of time and memory (generous: "within 10 s, under a 300 MB heap", not performance
// targets), output errors end cleanly, and output files are never half-written or written over an input.
import { spawnSync } from "node:child_process";
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { describe, expect, it } from "vitest";
import { writeOutputFile } from "../../src/cli/outputFile.js";
import { UsageError } from "../../src/errors.js";
import { grid } from "../helpers/bigSites.js";
import {
  BASELINE_TEXT,
  BIN,
  REPO_ROOT,
  boundedBin,
  expectBadInput,
  refusedInBounds,
  runCli,
  shellQuote,
  tempFolder,
} from "../helpers/cli.js";

/** Safety bounds of every refusal below. */
const SECONDS = 10;

const temp = tempFolder("mdmsim-hardening-");
const baseline = JSON.parse(BASELINE_TEXT) as Record<string, unknown> & {
  site: Record<string, unknown>;
};

describe("every file is read with a bound", () => {
  it("refuses /dev/zero, an endless pipe and a 2 GB sparse file after the limit, not after the file", () => {
    refusedInBounds(boundedBin(["check", "/dev/zero"]), SECONDS, "/dev/zero: the file is larger than 10 MiB");
    refusedInBounds(
      boundedBin(["check", "/dev/stdin"], "yes"),
      SECONDS,
      "/dev/stdin: the file is larger than 10 MiB",
    );
    refusedInBounds(
      boundedBin(["check", "-"], "yes"),
      SECONDS,
      "(standard input): the file is larger than 10 MiB",
    );
    const sparse = join(temp.dir(), "sparse.json");
    writeFileSync(sparse, "");
    truncateSync(sparse, 2 * 1024 ** 3);
    refusedInBounds(boundedBin(["check", sparse]), SECONDS, `${sparse}: the file is larger than 10 MiB`);
  });

  it("bounds --ca files and shards the same way", () => {
    refusedInBounds(
      boundedBin(["probe", "scenarios/baseline.json", "--ca", "/dev/zero"]),
      SECONDS,
      "--ca /dev/zero: the file is larger than 1 MiB",
    );
    refusedInBounds(
      boundedBin(["merge", "/dev/zero"]),
      SECONDS,
      "/dev/zero: the file is larger than 256 MiB",
    );
  });
});

describe("the whole work is planned before it starts", () => {
  it("refuses 2,000 groups × 2,000 servers in run, check and reach, naming what to shrink", () => {
    const big = temp.file("grid2000.json", grid(2000, 2000));
    for (const command of ["run", "check"])
      refusedInBounds(
        boundedBin([command, big]),
        SECONDS,
        `${big}: devices: needs about`,
        "the reason timelines of 2000 device groups × 6000 server roles (fewer groups or servers)",
      );
    refusedInBounds(boundedBin(["reach", big]), SECONDS, "the reachability matrix would have 16000000 cells");
  });

  it("refuses check --set duration=1e11 (a V8 fatal error before) and 99 replicas at the tick limit", () => {
    refusedInBounds(
      boundedBin(["check", "scenarios/baseline.json", "--set", "duration=1e11"]),
      SECONDS,
      "duration: a 100000000000 s run is longer than the limit",
    );
    const replicas = Array.from({ length: 99 }, (_, i) => ({
      name: i === 0 ? "replica1" : `r${i}`,
      syncInterval: "3.2s",
    }));
    const many = temp.file(
      "replicas.json",
      JSON.stringify({ ...baseline, duration: "366d", site: { ...baseline.site, replicas } }),
    );
    refusedInBounds(boundedBin(["run", many]), SECONDS, "site.replicas: needs about", "replica sync ticks");
  });

  it("caps a sweep's variants × runs and names a variant over a limit, with any --jobs", () => {
    refusedInBounds(
      boundedBin([
        "sweep",
        "scenarios/baseline.json",
        "--vary",
        "devices.0.count=1..10000:1",
        "--runs",
        "100000",
      ]),
      SECONDS,
      "--runs: the sweep needs about",
      "10000 variants × 100000 runs",
    );
    for (const jobs of ["1", "2"])
      refusedInBounds(
        boundedBin([
          "sweep",
          "scenarios/baseline.json",
          "--vary",
          "devices.0.count=10,20,20000000",
          "--jobs",
          jobs,
        ]),
        SECONDS,
        "scenarios/baseline.json, --vary devices.0.count=20000000: devices: 20000000 devices in all",
      );
  });

  it("reach at 200 × 200 is linear: table and json well within the bounds", () => {
    const wide = temp.file("grid200.json", grid(200, 200));
    for (const format of ["table", "json", "csv"]) {
      const outcome = boundedBin(["reach", wide, "--format", format]);
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(outcome.seconds).toBeLessThan(SECONDS);
    }
  });

  it("an expectation path (and a --set path) of 80,000 segments is answered at once", async () => {
    // In-process: a 160 kB word is longer than one command-line argument may be.
    const path = Array.from({ length: 80_000 }, () => "a").join(".");
    const started = performance.now();
    expectBadInput(await runCli(["run", "--expect", `${path} == 1`]), '"a" names nothing in the result');
    expectBadInput(await runCli(["run", "--set", `devices.${path}=1`]), "--set");
    expect(performance.now() - started).toBeLessThan(SECONDS * 1000);
  });

  it("merge refuses a shard claiming 2^32 shards, naming a few missing ones", () => {
    const shard = JSON.parse(
      boundedBin([
        "sweep",
        "scenarios/baseline.json",
        "--vary",
        "devices.0.count=5",
        "--runs",
        "1",
        "--shard",
        "1/1",
      ]).stdout,
    ) as { shard: { count: number } };
    shard.shard.count = 2 ** 32;
    const claimed = temp.file("claimed.json", JSON.stringify(shard));
    refusedInBounds(boundedBin(["merge", claimed]), SECONDS, "merge: shards 2/4294967296", "are missing");
  });
});

describe("stdout errors", () => {
  it("a full disk is one line and exit 4; a reader that goes away ends quietly with the command's exit code", () => {
    const full = spawnSync(
      "sh",
      ["-c", `${shellQuote(process.execPath)} ${shellQuote(BIN)} run --format json > /dev/full`],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
      },
    );
    expect(full.status).toBe(4);
    expect(full.stderr).toBe("mdmsim: cannot write the output: ENOSPC: no space left on device, write\n");
    const piped = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; ${shellQuote(process.execPath)} ${shellQuote(BIN)} sweep scenarios/baseline.json --vary devices.0.count=10,20 --runs 2 --format json | head -c10 >/dev/null`,
      ],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    expect(piped.stderr).toBe("");
    expect(piped.status).toBe(0);
    // A reader that goes away changes nothing of the outcome: a failed expectation still exits 1.
    const failing = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; ${shellQuote(process.execPath)} ${shellQuote(BIN)} sweep scenarios/baseline.json --vary devices.0.count=10,20 --runs 2 --expect "devices.neverConnected > 0" --format json | head -c10 >/dev/null`,
      ],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    expect(failing.stderr).toBe("");
    expect(failing.status).toBe(1);
  });
});

describe("output files", () => {
  it("report refuses to write over its own scenario, before simulating, and leaves it as it was", async () => {
    const scenario = temp.file("s.json", BASELINE_TEXT);
    expectBadInput(
      await runCli(["report", scenario, "--out", scenario]),
      "is one of the command's input files",
    );
    expectBadInput(
      await runCli(["report", scenario, "--out", join(temp.dir(), ".", "s.json")]),
      "is one of the command's input files",
    );
    expect(readFileSync(scenario, "utf8")).toBe(BASELINE_TEXT);
  });

  it("a write that fails leaves the old file whole (temporary file, then rename)", async () => {
    const out = temp.file("report.html", "the old report");
    // The write fails once the temporary file holds its bytes: before anything is renamed.
    const failing = {
      chunkWritten: () => {
        throw new Error("no space left on device");
      },
    };
    await expect(writeOutputFile(out, "the new report", "--out report.html", [], failing)).rejects.toThrow(
      UsageError,
    );
    expect(readFileSync(out, "utf8")).toBe("the old report");
    await writeOutputFile(out, "the new report", "--out report.html", []);
    expect(readFileSync(out, "utf8")).toBe("the new report");
  });
});

describe("small gaps", () => {
  it("run -- my.json is refused, not the bundled baseline", async () => {
    expectBadInput(await runCli(["run", "--", "my.json"]), 'unexpected argument "my.json"');
  });

  it('--seed "" and --seed 0x10 are refused', async () => {
    expectBadInput(await runCli(["run", "--seed", ""]), "--seed");
    expectBadInput(await runCli(["run", "--seed", "0x10"]), "--seed", "0x10");
  });

  it("--trace is honoured with --format csv: the trace's rows follow the result's", async () => {
    const outcome = await runCli(["run", "--trace", "hq-windows-1", "--format", "csv"]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^trace\.0\.time,/m);
    expect(outcome.stdout).toMatch(/^trace\.0\.event,enrollment-try$/m);
  });

  it("--jobs 1024 uses at most as many threads as CPUs and runs, saying so on stderr", async () => {
    const outcome = await runCli([
      "sweep",
      "scenarios/baseline.json",
      "--set",
      "devices.0.count=20",
      "--vary",
      "devices.0.count=10,20",
      "--runs",
      "2",
      "--jobs",
      "1024",
      "--format",
      "json",
    ]);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toMatch(
      /^mdmsim: --jobs 1024: using [12] worker threads? \(\d+ CPUs?, 4 runs to do\)\n$/,
    );
  });
});
