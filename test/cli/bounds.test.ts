// Bounds that hold for every input shape, through the real program (bin/mdmsim) under a 300 MB heap:
// YAML aliases priced at load, the studio page priced before it is built, reach and report cells, sweep
// --list (in-process where only the message is at stake). Generous safety bounds of time ("within 20 s"), not
// performance targets.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aliasBomb } from "../helpers/aliasBomb.js";
import { grid, shaped } from "../helpers/bigSites.js";
import {
  boundedBin,
  expectBadInput,
  ranInBounds,
  refusedInBounds,
  runCli,
  tempFolder,
} from "../helpers/cli.js";

const SECONDS = 20;
const temp = tempFolder("mdmsim-bounds-");
/** A sweep of the baseline over 1,000 counts × 100 seeds: 100,000 variants. */
const VARIANTS_100K = [
  "sweep",
  "baseline",
  "--vary",
  "devices.hq-windows.count=1..1000:1",
  "--vary",
  "seed=1..100:1",
];

describe("YAML aliases are priced as written out", () => {
  it("a 2 MB file whose aliases stand for 200 MB is refused by run --print-scenario under a 300 MB heap", () => {
    const bomb = temp.file("bomb.yaml", aliasBomb(60_000, 99));
    refusedInBounds(
      boundedBin(["run", bomb, "--print-scenario"]),
      SECONDS,
      bomb,
      "its aliases stand for",
      "*o",
    );
  }, 120_000);

  it("studio and sweep refuse it with run's message (in-process, a bomb just over the limit)", async () => {
    // 3200 × 99 stands for 10.6 MiB (3000 × 99 for 9.96 MiB): the same pricing at load, whatever the command.
    const files = { "bomb.yaml": aliasBomb(3200, 99) };
    const run = await runCli(["run", "bomb.yaml", "--print-scenario"], { files });
    expectBadInput(run, "bomb.yaml", "its aliases stand for", "*o");
    const out = join(temp.dir(), "bomb.html");
    for (const args of [
      ["studio", "bomb.yaml", "--out", out],
      ["sweep", "bomb.yaml", "--vary", "seed=1,2", "--list"],
    ]) {
      const outcome = await runCli(args, { files });
      expectBadInput(outcome);
      expect(outcome.stderr, args[0]).toBe(run.stderr);
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe("the reachability matrix is bounded where it runs in seconds", () => {
  it("reach and report refuse the 4M cells that took 93 s and 2.8 GB, before any work", () => {
    const site = temp.file("cells-4m.json", grid(2000, 500));
    const message =
      "the reachability matrix would have 4000000 cells (2000 device groups × 2000 server roles); the limit is 250000";
    refusedInBounds(boundedBin(["reach", site]), SECONDS, site, "devices: ", message);
    refusedInBounds(
      boundedBin(["report", site, "--out", join(temp.dir(), "cells.html")]),
      SECONDS,
      site,
      message,
    );
  }, 120_000);

  it("reach at the limit runs under a 300 MB heap", () => {
    const site = temp.file("cells-250k.json", grid(500, 125));
    const outcome = ranInBounds(boundedBin(["reach", site, "--format", "csv"]), SECONDS);
    expect(outcome.stdout.trim().split("\n")).toHaveLength(250_001);
    refusedInBounds(
      boundedBin(["reach", temp.file("cells-over.json", grid(501, 125))]),
      SECONDS,
      "the limit is 250000",
    );
  }, 120_000);
});

describe("sweep --list runs nothing, and costs the values given, not their product", () => {
  it("lists 100,000 variants under a 300 MB heap (24 s and 1.4 GB before)", () => {
    const outcome = ranInBounds(boundedBin([...VARIANTS_100K, "--list", "--format", "csv"]), SECONDS);
    expect(outcome.stdout.trim().split("\n")).toHaveLength(100_001);
  }, 120_000);
});

/** The baseline with `count` more management points, each reading one of `count` replicas, and `groups` groups. */
const manyMps = (count: number, groups = 1): string =>
  JSON.stringify(shaped({ mps: count, replicas: count, groups }));

describe("the studio page is linear in its parts and priced before it is built", () => {
  it("3,000 management points × 3,000 replicas make a page of a few MiB (329 MB and 2 GB before)", () => {
    const site = temp.file("mps-3000.json", manyMps(3000));
    const out = join(temp.dir(), "mps-3000.html");
    ranInBounds(boundedBin(["studio", site, "--out", out]), SECONDS);
    expect(statSync(out).size).toBeLessThan(32 * 1024 * 1024);
  }, 120_000);

  it("a page past 64 MiB is refused before it is built, naming the part to shrink", () => {
    const site = temp.file("groups-20000.json", manyMps(1, 20_000));
    const out = join(temp.dir(), "groups-20000.html");
    refusedInBounds(
      boundedBin(["studio", site, "--out", out]),
      SECONDS,
      site,
      "devices: the studio page would be about",
      "(the limit is 64.0 MiB), most of it for the controls of 20000 device groups: fewer of them",
    );
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});

describe("check's exact estimates are priced before any work", () => {
  /** The baseline with `mps` management points on one replica and `groups` one-device groups. */
  const replicaDmps = (mps: number, groups: number): string =>
    JSON.stringify(shaped({ mps, replicas: 1, groups }));

  it("check and report refuse 500 groups × 490 DMPs on a replica (30 s and 1.09 GB before) under a 300 MB heap", () => {
    const site = temp.file("replica-dmps-490.json", replicaDmps(490, 500));
    const message = "devices: check would make 981500 exact estimates";
    refusedInBounds(boundedBin(["check", site]), SECONDS, site, message);
    const out = join(temp.dir(), "replica-dmps-490.html");
    refusedInBounds(boundedBin(["report", site, "--out", out]), SECONDS, site, message);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("at the limit, check runs under a 300 MB heap: one short finding per DMP, every group in its estimates", () => {
    // 250 two-phase groups × (99 on the replica + 3 schedules × 100 MPs) = 99,750 estimates.
    const site = temp.file("replica-dmps-99.json", replicaDmps(99, 250));
    const outcome = ranInBounds(boundedBin(["check", site, "--format", "json"]), SECONDS);
    const { findings } = JSON.parse(outcome.stdout) as {
      findings: { id: string; message: string; estimates?: unknown[] }[];
    };
    const early = findings.filter((f) => f.id === "replica-early-failures");
    expect(early).toHaveLength(99);
    for (const f of early) {
      expect(f.estimates).toHaveLength(250);
      expect(f.message.length).toBeLessThan(600);
    }
  }, 120_000);
});

describe("a sweep of 100,000 variants is planned from its values, not its product", () => {
  // Issue 27: every variant was made and kept before the events refusal (19.5 s and 1.39 GB).
  it("refuses 100,000 variants × 20 runs by their runs' fixed cost, under a 300 MB heap", () => {
    refusedInBounds(
      boundedBin([...VARIANTS_100K, "--runs", "20"]),
      SECONDS,
      "--runs: 100000 variants × 20 runs: the sweep would process at least 4.0e+9 events",
    );
  }, 120_000);
});
