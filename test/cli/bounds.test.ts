// Bounds that hold for every input shape, through the real program (bin/mdmsim) under a 300 MB heap:
// YAML aliases priced at load, the studio page priced before it is built, reach and report cells, sweep
// --list. Generous safety bounds of time ("within 20 s"), not performance targets.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASELINE_TEXT, BIN, REPO_ROOT, expectBadInput, type CliOutcome } from "../helpers/cli.js";
import { aliasBomb } from "../helpers/aliasBomb.js";

const SECONDS = 20;
const HEAP_MB = 300;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-bounds-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function bounded(args: readonly string[]): CliOutcome & { seconds: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 90_000,
    maxBuffer: 1 << 28,
  });
  return {
    code: child.status ?? -1,
    stdout: child.stdout,
    stderr: child.stderr,
    seconds: (performance.now() - started) / 1000,
  };
}

function refusedInBounds(outcome: CliOutcome & { seconds: number }, ...mentions: string[]): void {
  expectBadInput(outcome, ...mentions);
  expect(outcome.seconds).toBeLessThan(SECONDS);
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("YAML aliases are priced as written out", () => {
  it("a 2 MB file whose aliases stand for 200 MB is refused by run --print-scenario, studio and sweep", () => {
    const bomb = file("bomb.yaml", aliasBomb(60_000, 99));
    const message = "its aliases stand for";
    refusedInBounds(bounded(["run", bomb, "--print-scenario"]), bomb, message, "*o");
    refusedInBounds(bounded(["studio", bomb, "--out", join(dir, "bomb.html")]), bomb, message);
    refusedInBounds(bounded(["sweep", bomb, "--vary", "seed=1,2", "--list"]), bomb, message);
  }, 120_000);
});

/** The baseline with `groups` one-device groups and `servers` servers holding its first server's four roles. */
function grid(groups: number, servers: number): string {
  const baseline = JSON.parse(BASELINE_TEXT) as Record<string, unknown> & {
    site: { servers: Record<string, unknown>[]; boundaryGroups: Record<string, unknown>[] };
    devices: Record<string, unknown>[];
  };
  const server = baseline.site.servers[0]!;
  const names = Array.from({ length: servers }, (_, i) => `cm${i}.corp.contoso.com`);
  return JSON.stringify({
    ...baseline,
    site: {
      ...baseline.site,
      servers: names.map((name) => ({ ...server, name })),
      boundaryGroups: [{ ...baseline.site.boundaryGroups[0], servers: names }],
    },
    devices: Array.from({ length: groups }, (_, i) => ({ ...baseline.devices[0], name: `g${i}`, count: 1 })),
  });
}

describe("the reachability matrix is bounded where it runs in seconds", () => {
  it("reach and report refuse the 4M cells that took 93 s and 2.8 GB, before any work", () => {
    const site = file("cells-4m.json", grid(2000, 500));
    const message =
      "the reachability matrix would have 4000000 cells (2000 device groups × 2000 server roles); the limit is 250000";
    refusedInBounds(bounded(["reach", site]), site, "devices: ", message);
    refusedInBounds(bounded(["report", site, "--out", join(dir, "cells.html")]), site, message);
  }, 120_000);

  it("reach at the limit runs under a 300 MB heap", () => {
    const site = file("cells-250k.json", grid(500, 125));
    const outcome = bounded(["reach", site, "--format", "csv"]);
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim().split("\n")).toHaveLength(250_001);
    expect(outcome.seconds).toBeLessThan(SECONDS);
    refusedInBounds(bounded(["reach", file("cells-over.json", grid(501, 125))]), "the limit is 250000");
  }, 120_000);
});

describe("sweep --list runs nothing, and costs the values given, not their product", () => {
  it("lists 100,000 variants under a 300 MB heap (24 s and 1.4 GB before)", () => {
    const outcome = bounded([
      "sweep",
      "baseline",
      "--vary",
      "devices.hq-windows.count=1..1000:1",
      "--vary",
      "seed=1..100:1",
      "--list",
      "--format",
      "csv",
    ]);
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim().split("\n")).toHaveLength(100_001);
    expect(outcome.seconds).toBeLessThan(SECONDS);
  }, 120_000);
});

/** The baseline with `count` more management points, each reading one of `count` replicas, and `groups` groups. */
function manyMps(count: number, groups = 1): string {
  const b = JSON.parse(BASELINE_TEXT) as Record<string, unknown> & {
    site: Record<string, unknown> & {
      servers: Record<string, unknown>[];
      boundaryGroups: Record<string, unknown>[];
    };
    devices: Record<string, unknown>[];
  };
  const server = b.site.servers[0] as {
    name: string;
    certificate: unknown;
    roles: { managementPoint: object };
  };
  const names = Array.from({ length: count }, (_, i) => `mp${i}.corp.contoso.com`);
  return JSON.stringify({
    ...b,
    site: {
      ...b.site,
      replicas: Array.from({ length: count }, (_, i) => ({ name: `replica${i}`, syncInterval: "1h" })),
      servers: [
        {
          ...server,
          roles: { ...server.roles, managementPoint: { ...server.roles.managementPoint, database: "site" } },
        },
        ...names.map((name, i) => ({
          name,
          certificate: server.certificate,
          roles: { managementPoint: { ...server.roles.managementPoint, database: `replica${i}` } },
        })),
      ],
      boundaryGroups: [{ ...b.site.boundaryGroups[0], servers: [server.name, ...names] }],
    },
    devices: Array.from({ length: groups }, (_, i) => ({ ...b.devices[0], name: `g${i}`, count: 1 })),
  });
}

describe("the studio page is linear in its parts and priced before it is built", () => {
  it("3,000 management points × 3,000 replicas make a page of a few MiB (329 MB and 2 GB before)", () => {
    const site = file("mps-3000.json", manyMps(3000));
    const out = join(dir, "mps-3000.html");
    const outcome = bounded(["studio", site, "--out", out]);
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    expect(statSync(out).size).toBeLessThan(32 * 1024 * 1024);
    expect(outcome.seconds).toBeLessThan(SECONDS);
  }, 120_000);

  it("a page past 64 MiB is refused before it is built, naming the part to shrink", () => {
    const site = file("groups-20000.json", manyMps(1, 20_000));
    const out = join(dir, "groups-20000.html");
    refusedInBounds(
      bounded(["studio", site, "--out", out]),
      site,
      "devices: the studio page would be about",
      "(the limit is 64.0 MiB), most of it for the controls of 20000 device groups: fewer of them",
    );
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
