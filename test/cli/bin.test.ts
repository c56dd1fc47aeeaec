// The installed program, bin/mdmsim, as a child process: exit codes, streams, files on disk.
// bin/mdmsim runs dist/bin/mdmsim.cjs with its code cache: `npm test` runs `npm run build` before vitest, so
// dist/ is current.
// (Running vitest alone? Run `npm run build` first.)
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BASELINE_TEXT,
  REPO_ROOT,
  STACK_LINE,
  at,
  parseJson,
  runBin,
  type CliOutcome,
} from "../helpers/cli.js";

let dir: string;

/** Writes a scenario file in the temporary folder and returns its path. */
function scenarioFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The baseline with changes, as JSON text. */
function baselineWith(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(BASELINE_TEXT) as Record<string, unknown>), ...changes }, null, 2);
}

function expectBadInput(outcome: CliOutcome, ...mentions: string[]): void {
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(outcome.stdout).toBe("");
  expect(outcome.stderr).toMatch(/^mdmsim: /);
  expect(outcome.stderr).not.toMatch(STACK_LINE);
  expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
  for (const text of mentions) expect(outcome.stderr).toContain(text);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-bin-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("bin/mdmsim exit codes", () => {
  it("0: the bundled baseline runs and every expectation holds", () => {
    const out = runBin(["run"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.startsWith("mdmsim run: baseline")).toBe(true);
    expect(out.stderr).toBe(""); // stderr is a pipe, not a terminal: no progress
  });

  it("0: a scenario file on disk runs", () => {
    const file = scenarioFile("small.json", baselineWith({ name: "small-lab" }));
    const out = runBin(["run", file, "--set", "devices.0.count=50", "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    const result = parseJson(out.stdout);
    expect(result.scenario).toBe("small-lab");
    expect(at(result, "devices.total")).toBe(50);
  });

  it("1: an --expect that fails", () => {
    const out = runBin(["run", "--expect", "devices.neverConnected > 0"]);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toContain("FAIL");
    expect(out.stderr).not.toMatch(STACK_LINE);
  });

  it("1: the scenario file's own expectation fails", () => {
    const file = scenarioFile(
      "strict.json",
      baselineWith({ expectations: ["timeToFirstSuccessSeconds.p99 < 1m"] }),
    );
    const out = runBin(["run", file, "--quiet"]);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toContain("timeToFirstSuccessSeconds.p99 < 1m");
  });

  it("2: a scenario file that does not exist", () => {
    const file = join(dir, "missing.json");
    expectBadInput(runBin(["run", file]), file);
  });

  it("2: a scenario file that is not valid JSON, with line and column", () => {
    const file = scenarioFile("broken.json", '{\n  "name": "x",\n  "duration": 5\n  "site": {}\n}\n');
    expectBadInput(runBin(["run", file]), file, "line 4, column 3");
  });

  it("2: a scenario file with an invalid field", () => {
    const data = JSON.parse(BASELINE_TEXT) as { devices: { enrollment: Record<string, unknown> }[] };
    data.devices[0]!.enrollment.to = "soon";
    const file = scenarioFile("bad-field.json", JSON.stringify(data));
    expectBadInput(
      runBin(["run", file]),
      file,
      'devices[0].enrollment.to: expected a duration like "30m", got "soon"',
    );
  });

  it("2: a bad --set (no '=')", () => {
    expectBadInput(runBin(["run", "--set", "devices.0.count"]), "--set");
  });

  it("2: a --set that names nothing", () => {
    expectBadInput(runBin(["run", "--set", "site.replicas.replica9.syncInterval=10m"]), "--set", "replica9");
  });

  it("2: a --set with an invalid value", () => {
    expectBadInput(
      runBin(["run", "--set", "devices.0.count=-5"]),
      "--set devices.0.count=-5",
      "devices[0].count",
    );
  });

  it("2: a malformed --expect", () => {
    expectBadInput(runBin(["run", "--expect", "devices.total ~ 5"]), "devices.total ~ 5");
  });

  it("2: an --expect on an unknown path", () => {
    expectBadInput(runBin(["run", "--expect", "devices.nope == 0"]), "devices.nope");
  });

  it("2: an unknown option", () => {
    const out = runBin(["run", "--bogus"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("bogus");
    expect(out.stderr).not.toMatch(STACK_LINE);
  });

  it("2: an unknown --trace device", () => {
    expectBadInput(runBin(["run", "--trace", "hq-windows-1001"]), "hq-windows-1001");
  });
});

describe("bin/mdmsim output", () => {
  it("--format json: stdout is one JSON document", () => {
    const out = runBin(["run", "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    const result = parseJson(out.stdout);
    expect(result.scenario).toBe("baseline");
    expect(result.seed).toBe(1);
    expect(at(result, "devices.total")).toBe(1000);
    expect(out.stderr).toBe("");
  });

  it("--format json with a failed expectation: still one JSON document, exit 1", () => {
    const out = runBin(["run", "--format", "json", "--expect", "devices.total < 1"]);
    expect(out.code).toBe(1);
    expect(parseJson(out.stdout).expectations).toContainEqual({
      expression: "devices.total < 1",
      actual: 1000,
      passed: false,
    });
  });

  it("gives the same bytes in every process, time zone and locale", () => {
    const args = ["run", "--seed", "5", "--trace", "hq-windows-3"];
    const a = runBin(args, { TZ: "UTC", LANG: "C", LC_ALL: "C" });
    const b = runBin(args, { TZ: "Pacific/Chatham", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" });
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it("gives the same bytes for check, reach and help under other time zones and locales", () => {
    const runs: string[][] = [
      ["check", "scenarios/certificate-expiring.json"],
      ["reach", "scenarios/mixed-windows-macos.json"],
      ["run", "scenarios/replica-outage.json", "--format", "csv"],
      ["--help"],
    ];
    for (const args of runs) {
      const a = runBin(args, { TZ: "UTC", LANG: "C", LC_ALL: "C" });
      const b = runBin(args, {
        TZ: "America/St_Johns",
        LANG: "fr_FR.UTF-8",
        LC_ALL: "fr_FR.UTF-8",
        LANGUAGE: "fr",
      });
      expect(b.stdout, args.join(" ")).toBe(a.stdout);
      expect(b.code).toBe(a.code);
    }
  });

  it("schema prints a JSON object with properties", () => {
    const out = runBin(["schema"]);
    expect(out.code, out.stderr).toBe(0);
    expect(typeof parseJson(out.stdout).properties).toBe("object");
  });

  it("--help exits 0", () => {
    const out = runBin(["--help"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain("run");
  });

  it("--version prints the package version", () => {
    const out = runBin(["--version"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("bin/mdmsim in a shell", () => {
  /** Runs bin/mdmsim with `input` on its standard input, as `… | mdmsim run -` does. */
  const piped = (args: readonly string[], input: string): CliOutcome => {
    const child = spawnSync(process.execPath, [join(REPO_ROOT, "bin", "mdmsim"), ...args], {
      cwd: REPO_ROOT,
      input,
      encoding: "utf8",
    });
    return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
  };

  it("- reads the scenario from a pipe", () => {
    const fromPipe = piped(["run", "-", "--format", "json"], BASELINE_TEXT);
    expect(fromPipe.code, fromPipe.stderr).toBe(0);
    expect(fromPipe.stdout).toBe(runBin(["run", "scenarios/baseline.json", "--format", "json"]).stdout);
  });

  it("run --print-scenario | run - gives the run's result", () => {
    const printed = runBin(["run", "--print-scenario", "--seed", "5"]);
    expect(printed.code, printed.stderr).toBe(0);
    const again = piped(["run", "-", "--format", "json"], printed.stdout);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(runBin(["run", "--seed", "5", "--format", "json"]).stdout);
  });

  it("- with an empty pipe is exit 2 naming standard input", () => {
    expectBadInput(piped(["check", "-"], ""), "(standard input)");
  });

  it("-h and -v work", () => {
    expect(runBin(["-h"]).stdout).toBe(runBin(["--help"]).stdout);
    expect(runBin(["-v"]).stdout).toBe(runBin(["--version"]).stdout);
  });

  it("suggests the command for a typo", () => {
    expectBadInput(runBin(["swep"]), 'unknown command "swep"; did you mean "sweep"?');
  });

  it("refuses --seed abc in one line", () => {
    expectBadInput(runBin(["run", "--seed", "abc"]), '--seed: expected an integer >= 0, got "abc"');
  });
});

describe("the bundled programs and their code caches", () => {
  it("are ASCII, so bin/loadCli.cjs's latin1 read gives the exact source", () => {
    for (const name of ["mdmsim", "run"]) {
      const bytes = readFileSync(join(REPO_ROOT, "dist", "bin", `${name}.cjs`));
      expect(
        bytes.findIndex((b) => b > 0x7f),
        name,
      ).toBe(-1);
    }
  });

  it("answers every `run` command line from run's own bundle as the full program does", async () => {
    const { loadCli } = createRequire(import.meta.url)("../../bin/loadCli.cjs") as {
      loadCli: (
        name: string,
        cachedData: undefined,
      ) => { main: (args: string[], io: object) => Promise<number> };
    };
    const capture = async (name: string, args: string[]) => {
      let stdout = "";
      let stderr = "";
      const io = {
        stdout: (t: string) => (stdout += t),
        stderr: (t: string) => (stderr += t),
        readFile: (path: string) => readFileSync(path, "utf8"),
        readStdin: () => "",
        stdoutIsTTY: false,
        stderrIsTTY: false,
      };
      const code = await loadCli(name, undefined).main(args, io);
      return { code, stdout, stderr };
    };
    const lines = [
      ["run"],
      ["run", "--format", "json", "--seed", "3"],
      ["run", "scenarios/baseline.json", "--set", "devices.0.count=5", "--format", "csv"],
      ["run", "--help"],
      ["run", "--sed", "1"],
      ["run", "--format", "jsn"],
      ["run", "scenarios/no-such-file.json"],
      ["run", "a.json", "b.json"],
      // Mistakes in a scenario: the run bundle's schema leaves the fields' descriptions out, nothing else.
      ["run", "--set", "duration=abc"],
      ["run", "--set", "devices.0.platfrm=macos"],
      [
        "run",
        scenarioFile(
          "bad.json",
          '{"name":"x","duration":"5x","site":{"servers":[{"name":"a"}]},"devices":[{"name":"g","platform":"windos","count":0}]}',
        ),
      ],
    ];
    for (const args of lines) {
      const full = await capture("mdmsim", args);
      expect(await capture("run", args), args.join(" ")).toEqual(full);
    }
  });

  it("has a code cache this Node accepts for each bundle, compiled through bin/mdmsim's loader", () => {
    const { loadCli, cacheOf } = createRequire(import.meta.url)("../../bin/loadCli.cjs") as {
      loadCli: (name: string, cachedData: Buffer) => { script: vm.Script };
      cacheOf: (name: string) => string;
    };
    for (const name of ["mdmsim", "run"])
      expect(loadCli(name, readFileSync(cacheOf(name))).script.cachedDataRejected, name).toBe(false);
  });

  it("runs from a copy of the installed layout, the same with no cache and with a cache V8 refuses", () => {
    // Each bundle: run's own (`run …`) and the full program's (`check …`).
    const lines = [
      ["run", "--format", "json"],
      ["check", "scenarios/baseline.json", "--format", "json"],
    ];
    const expected = lines.map((args) => runBin(args));
    for (const e of expected) expect(e.code, e.stderr).toBe(0);
    // bin/, dist/bin/*.cjs, package.json, scenarios/, node_modules/: no code cache yet.
    const root = join(dir, "copy");
    mkdirSync(join(root, "bin"), { recursive: true });
    mkdirSync(join(root, "dist", "bin"), { recursive: true });
    for (const f of [
      "bin/mdmsim",
      "bin/loadCli.cjs",
      "bin/package.json",
      "dist/bin/mdmsim.cjs",
      "dist/bin/run.cjs",
      "package.json",
    ])
      copyFileSync(join(REPO_ROOT, f), join(root, f));
    symlinkSync(join(REPO_ROOT, "scenarios"), join(root, "scenarios"));
    symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
    const runAll = () =>
      lines.map((args) =>
        spawnSync(process.execPath, [join(root, "bin", "mdmsim"), ...args], {
          cwd: REPO_ROOT,
          encoding: "utf8",
        }),
      );
    const check = (outcomes: ReturnType<typeof runAll>) => {
      outcomes.forEach((o, i) => {
        expect(o.status, o.stderr).toBe(0);
        expect(o.stdout).toBe(expected[i]?.stdout);
      });
    };
    check(runAll());
    for (const name of ["mdmsim", "run"])
      writeFileSync(join(root, "dist", "bin", `${name}.cjs.cache`), "not a V8 code cache");
    check(runAll());
  });
});
