// The command line in-process: `main(args, io)` with a capturing CliIo (cli-and-results.md, scenario.md Overrides).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify as toYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BASELINE_TEXT,
  REPO_ROOT,
  STACK_LINE,
  at,
  parseJson,
  runCli,
  type CliOutcome,
} from "../helpers/cli.js";

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }
).version;

/** A result's expectations array, typed for assertions. */
interface Expectation {
  expression: string;
  actual: number | null;
  passed: boolean;
}

function expectationsOf(result: Record<string, unknown>): Expectation[] {
  return result.expectations as Expectation[];
}

/** Bad input: exit 2, one line on stderr starting "mdmsim: ", no stack trace, nothing on stdout. */
function expectBadInput(outcome: CliOutcome, ...mentions: string[]): void {
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(outcome.stdout).toBe("");
  expect(outcome.stderr).toMatch(/^mdmsim: /);
  expect(outcome.stderr).not.toMatch(STACK_LINE);
  for (const text of mentions) expect(outcome.stderr).toContain(text);
}

/** Like expectBadInput, and the message is exactly one line. */
function expectOneLineBadInput(outcome: CliOutcome, ...mentions: string[]): void {
  expectBadInput(outcome, ...mentions);
  expect(outcome.stderr.endsWith("\n")).toBe(true);
  expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
}

/** A small valid scenario (JSON), two device groups. */
function smallScenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "lab",
    duration: "2h",
    site: {
      replicas: [{ name: "r1", syncInterval: "5m" }],
      servers: [
        {
          name: "cm01.lab.example.com",
          roles: {
            enrollmentPoint: { https: true },
            enrollmentProxyPoint: { https: true },
            distributionPoint: { https: true },
            managementPoint: { https: true, allowMobileDevicesAndMacs: true, database: "r1" },
          },
        },
      ],
      boundaries: [{ name: "LAB", type: "ipv4Range", value: "10.9.0.1-10.9.0.254" }],
      boundaryGroups: [{ name: "LAB", boundaries: ["LAB"], servers: ["cm01.lab.example.com"] }],
    },
    devices: [
      {
        name: "lab-windows",
        platform: "windows",
        count: 20,
        addresses: "10.9.0.10-10.9.0.200",
        enrollment: { pattern: "uniform", from: "0s", to: "30m" },
      },
    ],
    ...overrides,
  };
}

const SMALL = ["--set", "devices.0.count=5"] as const;

let baselineTable: CliOutcome;
let baselineJsonOutcome: CliOutcome;
let baseline: Record<string, unknown>;

beforeAll(async () => {
  baselineTable = await runCli(["run"]);
  baselineJsonOutcome = await runCli(["run", "--format", "json"]);
  baseline = parseJson(baselineJsonOutcome.stdout);
});

describe("run (table format)", () => {
  it("with no scenario runs the bundled baseline and prints a table headed by its name", () => {
    expect(baselineTable.code, baselineTable.stderr).toBe(0);
    expect(baselineTable.stdout.startsWith("mdmsim run: baseline")).toBe(true);
  });

  it("prints nothing on stderr when stderr is not a terminal (progress only goes to terminals)", () => {
    expect(baselineTable.stderr).toBe("");
  });

  it("shows the group, the DMP, the replica, the failure reasons and the expectations with pass/fail", () => {
    const out = baselineTable.stdout;
    expect(out).toContain("hq-windows");
    expect(out).toContain("cm01.corp.contoso.com");
    expect(out).toContain("replica1");
    for (const reason of Object.keys(at(baseline, "attempts.failedByReason") as object))
      expect(out).toContain(reason);
    for (const e of expectationsOf(baseline)) {
      const line = out.split("\n").find((l) => l.includes(e.expression));
      expect(line, e.expression).toBeDefined();
      expect(line).toContain(e.passed ? "pass" : "FAIL");
    }
  });

  it("shows the same device count and event count as the json format", () => {
    expect(baselineTable.stdout).toContain(String(at(baseline, "devices.total")));
    expect(baselineTable.stdout).toContain(String(at(baseline, "events")));
  });
});

describe("run --format json", () => {
  it("prints exactly one JSON document on stdout and nothing on stderr", () => {
    expect(baselineJsonOutcome.code, baselineJsonOutcome.stderr).toBe(0);
    expect(() => JSON.parse(baselineJsonOutcome.stdout) as unknown).not.toThrow();
    expect(baselineJsonOutcome.stderr).toBe("");
  });

  it("has the spec's top-level fields", () => {
    for (const key of [
      "scenario",
      "seed",
      "durationSeconds",
      "devices",
      "timeToFirstSuccessSeconds",
      "failedAttemptsBeforeSuccess",
      "attempts",
      "enrollmentFailedByReason",
      "neverConnectedByReason",
      "groups",
      "managementPoints",
      "replicas",
      "content",
      "expectations",
      "events",
    ])
      expect(baseline, key).toHaveProperty([key]);
    expect(baseline.scenario).toBe("baseline");
    expect(baseline.seed).toBe(1);
    expect(baseline.durationSeconds).toBe(10800);
    expect(typeof baseline.events).toBe("number");
    expect(baseline.events as number).toBeGreaterThan(0);
    expect(baseline.content).toBeNull(); // no group has content: true
  });

  it("has the spec's nested fields", () => {
    for (const key of [
      "total",
      "enrolled",
      "enrollmentFailed",
      "connected",
      "neverConnected",
      "connectedAfterFailures",
    ])
      expect(typeof at(baseline, `devices.${key}`), key).toBe("number");
    for (const key of ["count", "mean", "p50", "p90", "p95", "p99", "max"])
      expect(baseline.timeToFirstSuccessSeconds, key).toHaveProperty([key]);
    for (const key of ["mean", "max", "histogram"])
      expect(baseline.failedAttemptsBeforeSuccess, key).toHaveProperty([key]);
    for (const key of ["total", "succeeded", "failed", "failedByReason"])
      expect(baseline.attempts, key).toHaveProperty([key]);
    expect(typeof baseline.enrollmentFailedByReason).toBe("object");
    expect(typeof baseline.neverConnectedByReason).toBe("object");
    expect(at(baseline, "devices.total")).toBe(1000);
  });

  it("has one group, one management point and one replica with the spec's fields", () => {
    const groups = baseline.groups as Record<string, unknown>[];
    expect(groups).toHaveLength(1);
    expect(groups[0]!.name).toBe("hq-windows");
    for (const key of ["devices", "timeToFirstSuccessSeconds", "failedAttemptsBeforeSuccess", "attempts"])
      expect(groups[0], key).toHaveProperty([key]);

    const mps = baseline.managementPoints as Record<string, unknown>[];
    expect(mps).toHaveLength(1);
    expect(mps[0]).toMatchObject({ server: "cm01.corp.contoso.com", database: "replica1", devices: 1000 });
    for (const key of ["attempts", "failed", "peakAttemptsPerMinute"])
      expect(typeof mps[0]![key], key).toBe("number");

    const replicas = baseline.replicas as Record<string, unknown>[];
    expect(replicas).toHaveLength(1);
    expect(replicas[0]!.name).toBe("replica1");
    for (const key of ["syncs", "skippedSyncs"]) expect(typeof replicas[0]![key], key).toBe("number");
    for (const key of ["count", "mean", "p50", "p90", "p95", "p99", "max"])
      expect(replicas[0]!.visibilityDelaySeconds, key).toHaveProperty([key]);
    // Closed form for a 5-minute replica with no apply delay: D, P/2 + D, P + D.
    expect(replicas[0]!.expectedVisibilityDelaySeconds).toEqual({ min: 0, mean: 150, max: 300 });
  });

  it("keeps the counts consistent with each other", () => {
    const d = baseline.devices as Record<string, number>;
    expect(d.neverConnected).toBe(d.enrolled! - d.connected!);
    const a = baseline.attempts as {
      total: number;
      succeeded: number;
      failed: number;
      failedByReason: Record<string, number>;
    };
    expect(a.total).toBe(a.succeeded + a.failed);
    expect(Object.values(a.failedByReason).reduce((s, n) => s + n, 0)).toBe(a.failed);
    const histogram = at(baseline, "failedAttemptsBeforeSuccess.histogram") as Record<string, number>;
    expect(Object.values(histogram).reduce((s, n) => s + n, 0)).toBe(d.connected);
    const afterFailures = Object.entries(histogram)
      .filter(([k]) => k !== "0")
      .reduce((s, [, n]) => s + n, 0);
    expect(d.connectedAfterFailures).toBe(afterFailures);
    expect(at(baseline, "timeToFirstSuccessSeconds.count")).toBe(d.connected);
  });

  it("lists the scenario's expectations with their actual values", () => {
    expect(expectationsOf(baseline)).toEqual([
      {
        expression: "devices.neverConnected == 0",
        actual: at(baseline, "devices.neverConnected"),
        passed: true,
      },
      {
        expression: "failedAttemptsBeforeSuccess.max <= 2",
        actual: at(baseline, "failedAttemptsBeforeSuccess.max"),
        passed: true,
      },
    ]);
  });

  it("is still one document when an expectation fails (exit 1)", async () => {
    const out = await runCli(["run", ...SMALL, "--format", "json", "--expect", "devices.total > 5"]);
    expect(out.code, out.stderr).toBe(1);
    const result = parseJson(out.stdout);
    expect(expectationsOf(result).at(-1)).toEqual({
      expression: "devices.total > 5",
      actual: 5,
      passed: false,
    });
  });

  it("reports a statistic over no values as null, and an expectation on it fails", async () => {
    const out = await runCli([
      "run",
      "--set",
      'site.servers.cm01.corp.contoso.com.outages=[{"from":"0s","to":"3h"}]',
      "--format",
      "json",
      "--expect",
      "timeToFirstSuccessSeconds.p99 <= 6m",
    ]);
    expect(out.code, out.stderr).toBe(1);
    const result = parseJson(out.stdout);
    expect(at(result, "devices.connected")).toBe(0);
    expect(at(result, "timeToFirstSuccessSeconds.count")).toBe(0);
    for (const key of ["mean", "p50", "p90", "p95", "p99", "max"])
      expect(at(result, `timeToFirstSuccessSeconds.${key}`), key).toBeNull();
    expect(expectationsOf(result).at(-1)).toEqual({
      expression: "timeToFirstSuccessSeconds.p99 <= 6m",
      actual: null,
      passed: false,
    });
  });
});

describe("--seed", () => {
  it("sets the result's seed and changes the simulation", async () => {
    const out = await runCli(["run", "--seed", "7", "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    const result = parseJson(out.stdout);
    expect(result.seed).toBe(7);
    expect(JSON.stringify({ ...result, seed: 1 })).not.toBe(JSON.stringify(baseline));
  });

  it("equal to the scenario's own seed gives the same bytes as no --seed", async () => {
    const out = await runCli(["run", "--seed", "1", "--format", "json"]);
    expect(out.stdout).toBe(baselineJsonOutcome.stdout);
  });

  it("appears in the table's title", async () => {
    const out = await runCli(["run", ...SMALL, "--seed", "12345"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.split("\n")[0]).toContain("12345");
  });

  it.each(["-1", "abc", "1.5"])("rejects --seed %s (exit 2 naming --seed)", async (seed) => {
    expectOneLineBadInput(await runCli(["run", ...SMALL, `--seed=${seed}`]), "--seed");
  });
});

describe("determinism", () => {
  it.each(["table", "json", "csv"])(
    "the same arguments give byte-identical stdout twice (%s)",
    async (format) => {
      const args = ["run", "--seed", "3", "--format", format, "--expect", "devices.total == 1000"];
      const first = await runCli(args);
      const second = await runCli(args);
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(second.stderr).toBe(first.stderr);
    },
  );

  it("--trace gives byte-identical output twice", async () => {
    const args = ["run", "--trace", "hq-windows-17"];
    const first = await runCli(args);
    expect((await runCli(args)).stdout).toBe(first.stdout);
  });
});

describe("--set (scenario.md, Overrides)", () => {
  async function runJson(...sets: string[]): Promise<Record<string, unknown>> {
    const out = await runCli(["run", "--format", "json", ...sets.flatMap((s) => ["--set", s])]);
    // 0, or 1 when an override makes one of the baseline's own expectations fail (a slower replica does).
    expect([0, 1], out.stderr).toContain(out.code);
    expect(out.stderr).toBe("");
    return parseJson(out.stdout);
  }

  it("walks arrays by an element's name (site.replicas.replica1.syncInterval=10m)", async () => {
    const result = await runJson("site.replicas.replica1.syncInterval=10m");
    expect(at(result, "replicas.0.expectedVisibilityDelaySeconds")).toEqual({ min: 0, mean: 300, max: 600 });
  });

  it("walks arrays by index (devices.0.count=50)", async () => {
    const result = await runJson("devices.0.count=50");
    expect(at(result, "devices.total")).toBe(50);
    expect(at(result, "groups.0.devices.total")).toBe(50);
  });

  it("walks device groups by name (devices.hq-windows.count=20)", async () => {
    const result = await runJson("devices.hq-windows.count=20");
    expect(at(result, "devices.total")).toBe(20);
  });

  it("walks to an element whose name contains dots (a server FQDN)", async () => {
    const result = await runJson("site.servers.cm01.corp.contoso.com.roles.managementPoint.database=site");
    expect(at(result, "managementPoints.0.database")).toBe("site");
    expect(at(result, "attempts.failedByReason.device-not-in-replica")).toBeUndefined();
  });

  it("parses values as JSON when they can be (a number is seconds)", async () => {
    const result = await runJson("site.replicas.replica1.syncInterval=600");
    expect(at(result, "replicas.0.expectedVisibilityDelaySeconds.max")).toBe(600);
    const quoted = await runJson('site.replicas.replica1.syncInterval="10m"');
    expect(at(quoted, "replicas.0.expectedVisibilityDelaySeconds.max")).toBe(600);
  });

  it("takes values that are not JSON as strings (name=renamed)", async () => {
    const out = await runCli(["run", ...SMALL, "--set", "name=renamed"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.startsWith("mdmsim run: renamed")).toBe(true);
  });

  it("is repeatable and applies every override", async () => {
    const result = await runJson("devices.0.count=30", "site.replicas.0.syncInterval=2m", "seed=9");
    expect(at(result, "devices.total")).toBe(30);
    expect(at(result, "replicas.0.expectedVisibilityDelaySeconds.max")).toBe(120);
    expect(result.seed).toBe(9);
  });

  it("applies to a scenario file too", async () => {
    const file = "/virtual/lab.json";
    const out = await runCli(["run", file, "--format", "json", "--set", "devices.lab-windows.count=7"], {
      files: { [file]: JSON.stringify(smallScenario()) },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(at(parseJson(out.stdout), "devices.total")).toBe(7);
  });

  it("without '=' is exit 2 naming the option", async () => {
    expectOneLineBadInput(await runCli(["run", "--set", "devices.0.count"]), "--set", "devices.0.count");
  });

  it("with an empty path is exit 2 naming the option", async () => {
    expectOneLineBadInput(await runCli(["run", "--set", "=5"]), "--set", "=5");
  });

  it.each([
    ["site.replicas.replica9.syncInterval=10m", "replica9"],
    ["devices.7.count=3", "devices.7"],
    ["nothing.here=1", "nothing"],
    ["site.servers.cm99.corp.contoso.com.outages=[]", "cm99"],
  ])("naming nothing (%s) is exit 2 naming the option and the place", async (set, place) => {
    expectOneLineBadInput(await runCli(["run", "--set", set]), `--set ${set}`, place);
  });

  it("with an invalid value is exit 2 naming the option and the place (spec's example message)", async () => {
    const set = "devices.hq-windows.enrollment.to=soon";
    expectOneLineBadInput(
      await runCli(["run", "--set", set]),
      `--set ${set}`,
      'devices[0].enrollment.to: expected a duration like "30m", got "soon"',
    );
  });

  it("with an out-of-range value is exit 2 naming the option and the place", async () => {
    const set = "devices.0.count=-5";
    expectOneLineBadInput(await runCli(["run", "--set", set]), `--set ${set}`, "devices[0].count");
  });

  it("adding an unknown field is exit 2 (unknown fields are an error)", async () => {
    const set = "devices.0.colour=red";
    expectOneLineBadInput(await runCli(["run", "--set", set]), "--set", "colour");
  });

  it("names the bad one among several", async () => {
    const bad = "site.replicas.replica1.syncInterval=often";
    const out = await runCli(["run", "--set", "devices.0.count=10", "--set", bad]);
    expectOneLineBadInput(out, `--set ${bad}`, "syncInterval");
    expect(out.stderr).not.toContain("--set devices.0.count=10");
  });
});

describe("scenario files", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mdmsim-cli-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs a JSON scenario file", async () => {
    const file = "/virtual/lab.json";
    const out = await runCli(["run", file, "--format", "json"], {
      files: { [file]: JSON.stringify(smallScenario()) },
    });
    expect(out.code, out.stderr).toBe(0);
    const result = parseJson(out.stdout);
    expect(result.scenario).toBe("lab");
    expect(result.durationSeconds).toBe(7200);
    expect(at(result, "devices.total")).toBe(20);
    expect(result.seed).toBe(1); // the default seed
  });

  it("runs a YAML scenario file (the baseline as YAML gives the baseline's numbers)", async () => {
    const file = "/virtual/baseline.yaml";
    const data = JSON.parse(BASELINE_TEXT) as Record<string, unknown>;
    delete data.$schema;
    const out = await runCli(["run", file, "--format", "json"], { files: { [file]: toYaml(data) } });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(baselineJsonOutcome.stdout);
  });

  it("a missing file is exit 2 naming the file", async () => {
    const file = join(dir, "does-not-exist.json");
    expectOneLineBadInput(await runCli(["run", file]), file);
  });

  it("a directory is exit 2 naming it", async () => {
    expectOneLineBadInput(await runCli(["run", dir]), dir);
  });

  it("invalid JSON is exit 2 naming the file, the line and the column", async () => {
    const file = "/virtual/broken.json";
    const text = '{\n  "name": "x",\n  "duration": 5\n  "site": {}\n}\n';
    expectOneLineBadInput(await runCli(["run", file], { files: { [file]: text } }), file, "line 4, column 3");
  });

  it("invalid YAML is exit 2 naming the file", async () => {
    const file = "/virtual/broken.yaml";
    const text = "name: x\nduration: [3h\nsite: {}\n";
    expectOneLineBadInput(await runCli(["run", file], { files: { [file]: text } }), file);
  });

  it("an invalid field is exit 2 naming the file and the place (spec's example message)", async () => {
    const file = "/virtual/bad-field.json";
    const scenario = smallScenario();
    (scenario.devices as Record<string, unknown>[])[0]!.enrollment = {
      pattern: "uniform",
      from: "0s",
      to: "soon",
    };
    expectOneLineBadInput(
      await runCli(["run", file], { files: { [file]: JSON.stringify(scenario, null, 2) } }),
      file,
      'devices[0].enrollment.to: expected a duration like "30m", got "soon"',
    );
  });

  it("an unknown field is exit 2 naming the file and the field", async () => {
    const file = "/virtual/typo.json";
    const scenario = smallScenario({ durations: "3h" });
    expectOneLineBadInput(
      await runCli(["run", file], { files: { [file]: JSON.stringify(scenario) } }),
      file,
      "durations",
    );
  });

  it("a missing required field is exit 2 naming the file and the field", async () => {
    const file = "/virtual/no-duration.json";
    const scenario = smallScenario();
    delete scenario.duration;
    expectOneLineBadInput(
      await runCli(["run", file], { files: { [file]: JSON.stringify(scenario) } }),
      file,
      "duration",
    );
  });

  it("a real file on disk with a failing expectation of its own is exit 1", async () => {
    const file = join(dir, "strict.json");
    writeFileSync(file, JSON.stringify(smallScenario({ expectations: ["devices.total > 20"] })));
    const out = await runCli(["run", file, "--format", "json"]);
    expect(out.code, out.stderr).toBe(1);
    expect(expectationsOf(parseJson(out.stdout))).toEqual([
      { expression: "devices.total > 20", actual: 20, passed: false },
    ]);
  });
});

describe("--expect", () => {
  it("that holds is exit 0, and is added after the scenario's own expectations", async () => {
    const out = await runCli([
      "run",
      "--format",
      "json",
      "--expect",
      "devices.total == 1000",
      "--expect",
      "events > 0",
    ]);
    expect(out.code, out.stderr).toBe(0);
    const expressions = expectationsOf(parseJson(out.stdout)).map((e) => e.expression);
    expect(expressions).toEqual([
      "devices.neverConnected == 0",
      "failedAttemptsBeforeSuccess.max <= 2",
      "devices.total == 1000",
      "events > 0",
    ]);
  });

  it("that fails is exit 1 with the full table and a FAIL row", async () => {
    const out = await runCli(["run", ...SMALL, "--expect", "devices.neverConnected > 0"]);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout.startsWith("mdmsim run: baseline")).toBe(true);
    const line = out.stdout.split("\n").find((l) => l.includes("devices.neverConnected > 0"));
    expect(line).toContain("FAIL");
    expect(out.stderr).not.toMatch(STACK_LINE);
  });

  it("fails the run when any one of several fails", async () => {
    const out = await runCli([
      "run",
      ...SMALL,
      "--expect",
      "devices.total == 5",
      "--expect",
      "devices.total != 5",
    ]);
    expect(out.code).toBe(1);
  });

  it.each([
    "bogus",
    "devices.total ~ 5",
    "devices.total <=",
    "<= 5",
    "devices.total == soon",
    "devices.total == 5 6",
  ])("malformed (%s) is exit 2 naming the expression", async (expression) => {
    expectOneLineBadInput(await runCli(["run", ...SMALL, "--expect", expression]), expression);
  });

  it.each([
    "devices.nope == 0",
    "nothing.at.all < 1",
    "groups.hq-windows.devices.nope >= 1",
    "timeToFirstSuccessSeconds.p42 <= 6m",
  ])("with an unknown path (%s) is exit 2 naming the path", async (expression) => {
    const path = expression.split(" ")[0]!;
    expectOneLineBadInput(await runCli(["run", ...SMALL, "--expect", expression]), path);
  });

  it("on a path that is not a number is exit 2", async () => {
    expectOneLineBadInput(await runCli(["run", ...SMALL, "--expect", "devices > 1"]), "devices");
  });

  it("reads arrays by element name and names with dots (spec paths work like --set paths)", async () => {
    const out = await runCli([
      "run",
      "--format",
      "json",
      "--expect",
      "groups.hq-windows.devices.total == 1000",
      "--expect",
      "managementPoints.cm01.corp.contoso.com.devices == 1000",
      "--expect",
      "replicas.replica1.expectedVisibilityDelaySeconds.max == 5m",
    ]);
    expect(out.code, out.stderr).toBe(0);
  });

  it("reads a count by reason (attempts.failedByReason.device-not-in-replica)", async () => {
    const expected = at(baseline, "attempts.failedByReason.device-not-in-replica") as number;
    expect(expected).toBeGreaterThan(0);
    const out = await runCli([
      "run",
      "--format",
      "json",
      "--expect",
      `attempts.failedByReason.device-not-in-replica == ${expected}`,
    ]);
    expect(out.code, out.stderr).toBe(0);
  });

  it("reads a known reason that did not occur as 0", async () => {
    const out = await runCli([
      "run",
      "--set",
      "site.servers.cm01.corp.contoso.com.roles.managementPoint.database=site",
      "--expect",
      "attempts.failedByReason.device-not-in-replica == 0",
    ]);
    expect(out.code, out.stderr).toBe(0);
  });

  it("compares durations in seconds (timeToFirstSuccessSeconds.p99 <= 6m)", async () => {
    const p99 = at(baseline, "timeToFirstSuccessSeconds.p99") as number;
    expect(p99).toBeGreaterThan(60);
    expect(p99).toBeLessThanOrEqual(360);
    const out = await runCli([
      "run",
      "--format",
      "json",
      "--expect",
      "timeToFirstSuccessSeconds.p99 <= 6m",
      "--expect",
      "timeToFirstSuccessSeconds.p99 < 1m",
      "--expect",
      "timeToFirstSuccessSeconds.p99 > 250ms",
    ]);
    expect(out.code, out.stderr).toBe(1);
    expect(expectationsOf(parseJson(out.stdout)).slice(2)).toEqual([
      { expression: "timeToFirstSuccessSeconds.p99 <= 6m", actual: p99, passed: true },
      { expression: "timeToFirstSuccessSeconds.p99 < 1m", actual: p99, passed: false },
      { expression: "timeToFirstSuccessSeconds.p99 > 250ms", actual: p99, passed: true },
    ]);
  });

  it("compares combined durations and plain numbers as seconds (durationSeconds is 3h)", async () => {
    const holds = [
      "== 3h",
      "== 180m",
      "== 2h60m",
      "== 10800s",
      "== 10800",
      ">= 3h",
      "<= 3h",
      "> 2h59m59s",
      "< 1d",
      "!= 3h1s",
    ];
    const fails = ["!= 3h", "> 3h", "< 3h", "== 3h1s", "< 10800"];
    const expressions = [...holds, ...fails].map((t) => `durationSeconds ${t}`);
    const out = await runCli([
      "run",
      ...SMALL,
      "--format",
      "json",
      ...expressions.flatMap((e) => ["--expect", e]),
    ]);
    expect(out.code, out.stderr).toBe(1);
    const results = expectationsOf(parseJson(out.stdout)).slice(2);
    expect(results.map((r) => [r.expression, r.passed])).toEqual(
      expressions.map((e, i) => [e, i < holds.length]),
    );
    for (const r of results) expect(r.actual).toBe(10800);
  });

  it("compares any duration the way the numbers compare (property)", async () => {
    const ops = ["<", "<=", ">", ">=", "==", "!="] as const;
    const compare = (a: number, op: (typeof ops)[number], b: number): boolean =>
      op === "<"
        ? a < b
        : op === "<="
          ? a <= b
          : op === ">"
            ? a > b
            : op === ">="
              ? a >= b
              : op === "=="
                ? a === b
                : a !== b;
    const duration = fc
      .record({
        h: fc.integer({ min: 0, max: 5 }),
        m: fc.integer({ min: 0, max: 59 }),
        s: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ h, m, s }) => {
        const seconds = h * 3600 + m * 60 + s;
        const text = `${h > 0 ? `${h}h` : ""}${m > 0 ? `${m}m` : ""}${s > 0 ? `${s}s` : ""}` || "0s";
        return { seconds, text };
      });
    // Values near 3h (10800 s) matter most: mix those in.
    const near = fc.integer({ min: 10799, max: 10801 }).map((seconds) => ({
      seconds,
      text: seconds === 10800 ? "3h" : seconds < 10800 ? "2h59m59s" : "3h1s",
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...ops), fc.oneof(duration, near)), { minLength: 1, maxLength: 8 }),
        async (cases) => {
          const expressions = cases.map(([op, d]) => `durationSeconds ${op} ${d.text}`);
          const out = await runCli([
            "run",
            ...SMALL,
            "--format",
            "json",
            ...expressions.flatMap((e) => ["--expect", e]),
          ]);
          const results = expectationsOf(parseJson(out.stdout)).slice(2);
          const wanted = cases.map(([op, d]) => compare(10800, op, d.seconds));
          expect(results.map((r) => r.passed)).toEqual(wanted);
          expect(out.code).toBe(wanted.every(Boolean) ? 0 : 1);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("--trace", () => {
  let table: CliOutcome;
  let trace: { time: number; event: string; outcome: string }[];
  beforeAll(async () => {
    table = await runCli(["run", "--trace", "hq-windows-17"]);
    const json = await runCli(["run", "--trace", "hq-windows-17", "--format", "json"]);
    expect(json.code, json.stderr).toBe(0);
    trace = parseJson(json.stdout).trace as typeof trace;
  });

  it("puts the device's timeline in the json result: every event with its time and outcome, in time order", () => {
    expect(Array.isArray(trace)).toBe(true);
    expect(trace.length).toBeGreaterThan(0);
    for (const e of trace) {
      expect(typeof e.time).toBe("number");
      expect(typeof e.event).toBe("string");
      expect(typeof e.outcome).toBe("string");
      expect(e.time).toBeGreaterThanOrEqual(0);
      expect(e.time).toBeLessThan(10800);
    }
    for (let i = 1; i < trace.length; i++) expect(trace[i]!.time).toBeGreaterThanOrEqual(trace[i - 1]!.time);
    // The baseline device connects: some event of its timeline succeeds.
    expect(trace.some((e) => e.outcome === "ok")).toBe(true);
  });

  it("prints the timeline in the table: one line per event with its time, event and outcome", () => {
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.startsWith("mdmsim run: baseline")).toBe(true);
    const lines = table.stdout.split("\n");
    let from = 0;
    for (const e of trace) {
      const index = lines.findIndex(
        (l, i) => i >= from && l.includes(String(e.time)) && l.includes(e.event) && l.includes(e.outcome),
      );
      expect(index, `${e.time} ${e.event} ${e.outcome}`).toBeGreaterThanOrEqual(0);
      from = index + 1;
    }
  });

  it("does not change the rest of the result", async () => {
    const out = await runCli(["run", "--trace", "hq-windows-17", "--format", "json"]);
    const rest = parseJson(out.stdout);
    expect(rest).toHaveProperty(["trace"]);
    delete rest.trace;
    expect(JSON.stringify(rest, null, 2) + "\n").toBe(baselineJsonOutcome.stdout);
  });

  it.each(["hq-windows-1", "hq-windows-1000"])("accepts the first and last device (%s)", async (device) => {
    const out = await runCli(["run", "--trace", device, "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    expect((parseJson(out.stdout).trace as unknown[]).length).toBeGreaterThan(0);
  });

  it.each(["hq-windows-1001", "hq-windows-0", "hq-windows", "laptops-1", "hq-windows-x"])(
    "an unknown device (%s) is exit 2 naming it",
    async (device) => {
      expectOneLineBadInput(await runCli(["run", "--trace", device]), device);
    },
  );
});

describe("run --format csv", () => {
  let csv: CliOutcome;
  beforeAll(async () => {
    csv = await runCli(["run", "--format", "csv"]);
  });

  it("starts with a path,value header and has two fields a row", () => {
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("path,value");
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines.slice(1)) expect(line.split(","), line).toHaveLength(2);
  });

  it("holds the json result's numbers", () => {
    const rows = new Map(
      csv.stdout
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",") as [string, string]),
    );
    expect(rows.get("scenario")).toBe("baseline");
    expect(rows.get("seed")).toBe("1");
    for (const path of [
      "durationSeconds",
      "devices.total",
      "devices.connected",
      "devices.neverConnected",
      "timeToFirstSuccessSeconds.p50",
      "timeToFirstSuccessSeconds.p99",
      "failedAttemptsBeforeSuccess.mean",
      "attempts.failed",
      "events",
    ])
      expect(rows.get(path), path).toBe(String(at(baseline, path)));
  });

  it("names rows by paths that --expect accepts", async () => {
    const rows = csv.stdout
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",") as [string, string])
      .filter(([path, value]) => !path.startsWith("expectations.") && /^-?\d+(\.\d+)?$/.test(value));
    expect(rows.length).toBeGreaterThan(20);
    const out = await runCli([
      "run",
      "--quiet",
      ...rows.flatMap(([path, value]) => ["--expect", `${path} == ${value}`]),
    ]);
    expect(out.stderr).toBe("");
    expect(out.code, out.stdout).toBe(0);
  });
});

describe("--quiet", () => {
  it("prints nothing when every expectation holds", async () => {
    const out = await runCli(["run", "--quiet"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe("");
  });

  it("prints only the failing expectations", async () => {
    const out = await runCli([
      "run",
      "--quiet",
      "--expect",
      "devices.connected < 10",
      "--expect",
      "devices.total == 1000",
    ]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("devices.connected < 10");
    expect(out.stdout).toContain("FAIL");
    expect(out.stdout).not.toContain("devices.total == 1000");
    expect(out.stdout).not.toContain("devices.neverConnected == 0");
    expect(out.stdout).not.toContain("mdmsim run:");
    expect(out.stdout).not.toContain("hq-windows");
  });
});

describe("schema", () => {
  it("prints the scenario JSON Schema: one JSON object with properties", async () => {
    const out = await runCli(["schema"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe("");
    const schema = parseJson(out.stdout);
    expect(typeof schema.properties).toBe("object");
    for (const field of ["name", "duration", "site", "devices", "seed", "expectations"])
      expect(schema.properties, field).toHaveProperty([field]);
  });

  it("rejects options it does not have (exit 2)", async () => {
    expectBadInput(await runCli(["schema", "--frobnicate"]), "frobnicate");
  });
});

describe("help, version and bad command lines", () => {
  it("--help exits 0 and lists the commands", async () => {
    const out = await runCli(["--help"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain("run");
    expect(out.stdout).toContain("schema");
    expect(out.stderr).toBe("");
  });

  it("run --help exits 0 and lists run's options", async () => {
    const out = await runCli(["run", "--help"]);
    expect(out.code, out.stderr).toBe(0);
    for (const option of ["--seed", "--set", "--format", "--expect", "--trace", "--quiet"])
      expect(out.stdout).toContain(option);
  });

  it("schema --help exits 0", async () => {
    const out = await runCli(["schema", "--help"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain("schema");
  });

  it("--version prints the package version", async () => {
    const out = await runCli(["--version"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe(PACKAGE_VERSION);
  });

  it("completion prints a shell completion script", async () => {
    const out = await runCli(["completion"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain("mdmsim");
  });

  it("no command prints the command list (as --help does) on stdout, exit 0", async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toBe("");
    expect(bare.stdout).toBe((await runCli(["--help"])).stdout);
    expect(bare.stdout).toContain("mdmsim run [scenario]");
  });

  it.each([
    [["run", "--bogus"], "bogus"],
    [["--bogus"], "bogus"],
    [["run", "--sed", "3"], "sed"],
  ])("an unknown option (%j) is exit 2 naming it", async (args, name) => {
    expectBadInput(await runCli(args), name);
  });

  it("an unknown --format is exit 2 naming the option and the value", async () => {
    expectBadInput(await runCli(["run", "--format", "xml"]), "format", "xml");
  });

  it("an unknown command is exit 2 naming it", async () => {
    expectBadInput(await runCli(["frob"]), "frob");
  });

  it("an extra positional argument is exit 2", async () => {
    expectBadInput(await runCli(["run", "a.json", "b.json"]));
  });
});

describe("internal errors", () => {
  it("are exit 3 with the message, a stack trace and the seed to reproduce them", async () => {
    const out = await runCli(["run", ...SMALL, "--seed", "4242"], {
      stdout: () => {
        throw new Error("boom: the disk is on fire");
      },
    });
    expect(out.code).toBe(3);
    expect(out.stderr).toContain("boom: the disk is on fire");
    expect(out.stderr).toMatch(STACK_LINE);
    expect(out.stderr).toMatch(/seed\D*4242/);
    expect(out.stderr).toContain("baseline");
  });
});

describe("reach --at", () => {
  it("evaluates the rules at the time given, and names --at in a bad value's message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mdmsim-reach-at-"));
    try {
      const file = join(dir, "s.json");
      const scenario = JSON.parse(BASELINE_TEXT) as { site: Record<string, unknown> };
      scenario.site.database = { outages: [{ from: "30m", to: "90m" }] };
      scenario.site.servers = (scenario.site.servers as Record<string, unknown>[]).map((s) => ({
        ...s,
        roles: {
          ...(s.roles as Record<string, unknown>),
          managementPoint: {
            ...((s.roles as Record<string, Record<string, unknown>>).managementPoint ?? {}),
            database: "site",
          },
        },
      }));
      writeFileSync(file, JSON.stringify(scenario));
      const outcome = await runCli(["reach", file, "--at", "45m", "--format", "json"]);
      expect(outcome.code, outcome.stderr).toBe(0);
      const doc = parseJson(outcome.stdout);
      expect(doc.timeSeconds).toBe(2700);
      expect(JSON.stringify(doc.cells)).toContain("database-unavailable");
      expectOneLineBadInput(await runCli(["reach", file, "--at", "soon"]), "--at", '"soon"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
