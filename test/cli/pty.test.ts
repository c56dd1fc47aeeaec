// The installed program in a real pseudo-terminal (util-linux `script`) at 80 and 120 columns: help fits the
// width with its hints and examples whole, a bare `mdmsim` lists the commands, and the tables keep every
// reason, server name and metric path whole, a mean on the line of its interval.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.js";
import { displayWidth } from "../../src/report/terminal.js";
import { BIN, parseJson, runBin, shellQuote } from "../helpers/cli.js";

// Every command the program has: one added is checked here without a change.
const NAMES = COMMANDS.map((command) => command.name);

/** stdout of `mdmsim ARGS` in a pty `columns` wide (stderr dropped), escapes and carriage returns removed. */
function inPty(columns: number, args: readonly string[]): string {
  const command = `stty cols ${columns} rows 50; node ${shellQuote(BIN)} ${args.map(shellQuote).join(" ")} 2>/dev/null`;
  // The exit code is the command's business (check's is 1 with an error finding); the text is this test's.
  const { stdout: raw } = spawnSync("script", ["-qec", command, "/dev/null"], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, COLUMNS: undefined },
    maxBuffer: 64 * 1024 * 1024,
  });
  // eslint-disable-next-line no-control-regex
  return raw.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, "").replace(/\r/g, "");
}

function expectFits(text: string, columns: number, what: string): void {
  expect(text.trim().length, what).toBeGreaterThan(0);
  for (const line of text.split("\n"))
    expect(displayWidth(line), `${what}: ${line}`).toBeLessThanOrEqual(columns);
}

/** Each word appears whole on some line of `text`. */
function expectWhole(text: string, words: Iterable<string>, what: string): void {
  const lines = text.split("\n");
  for (const word of words)
    expect(
      lines.some((l) => l.includes(word)),
      `${what}: "${word}" is broken or missing\n${text}`,
    ).toBe(true);
}

describe("in a terminal 1 column wide", () => {
  it("run lays its tables out at MIN_COLUMNS: no internal error (it threw a RangeError after 11 s)", () => {
    const command = `stty cols 1 rows 50; node ${shellQuote(BIN)} run 2>&1; echo "exit $?"`;
    const { stdout } = spawnSync("script", ["-qec", command, "/dev/null"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, COLUMNS: undefined },
      timeout: 60_000,
    });
    expect(stdout).not.toContain("internal error");
    expect(stdout).toContain("exit 0");
    expect(stdout).toContain("devices");
  }, 60_000);
});

describe.each([80, 120])("in a terminal %i columns wide", (columns) => {
  it("each command's --help fits, hints stand apart from words, examples are whole lines", () => {
    for (const command of ["", ...NAMES]) {
      const args = command === "" ? ["--help"] : [command, "--help"];
      const help = inPty(columns, args);
      expectFits(help, columns, `mdmsim ${args.join(" ")}`);
      expect(help, command).not.toMatch(/\S\[(string|array|boolean|required|default)/);
      if (command === "") continue;
      expect(help, command).toContain("Examples:");
      const examples = help.slice(help.indexOf("Examples:")).split("\n").slice(1);
      // An example's command is one line: what follows its comment begins with `mdmsim`.
      examples.forEach((line, i) => {
        if (line.trim().startsWith("#")) expect(examples[i + 1] ?? "", command).toMatch(/^ {2}mdmsim /);
      });
    }
  });

  it("report and studio name --out as required; merge's files are required without a default", () => {
    for (const command of ["report", "studio"])
      expect(inPty(columns, [command, "--help"])).toMatch(/--out .*\[required\]/s);
    const merge = inPty(columns, ["merge", "--help"]);
    expect(merge).toMatch(/files .*\[required\]/);
    expect(merge).not.toContain("[default: []]");
  });

  it("a bare mdmsim prints the command list", () => {
    const bare = inPty(columns, []);
    expectFits(bare, columns, "mdmsim");
    for (const command of NAMES) expect(bare).toContain(`mdmsim ${command}`);
  });

  it.each(["baseline", "clients-50k", "mixed-clients-mdm", "replica-outage"])(
    "run %s: lines fit; reasons, servers, groups and replicas whole; no empty replica cell",
    (scenario) => {
      const text = inPty(columns, ["run", scenario]);
      expectFits(text, columns, `run ${scenario}`);
      const result = parseJson(runBin(["run", scenario, "--format", "json"]).stdout) as {
        attempts: { failedByReason: Record<string, number> };
        groups: { name: string }[];
        managementPoints: { server: string; database: string }[];
        replicas: { name: string }[];
      };
      expectWhole(
        text,
        [
          ...Object.keys(result.attempts.failedByReason),
          ...result.groups.map((g) => g.name),
          ...result.managementPoints.flatMap((m) => [m.server, m.database]),
          ...result.replicas.map((r) => r.name),
        ],
        `run ${scenario}`,
      );
      // The replica table's data rows (between its header rule and its bottom border) have no empty cell.
      const replicas = text.slice(text.indexOf("Per replica")).split("\n\n")[0] ?? "";
      const body = replicas.split("├")[1]?.split("└")[0] ?? "";
      for (const row of body.split("\n").filter((l) => l.startsWith("│")))
        expect(row, replicas).not.toMatch(/│ {2,}│/);
    },
  );

  it("reach and check keep server names and reasons whole", () => {
    const reach = inPty(columns, ["reach", "mac-fleet-intranet-roles"]);
    expectFits(reach, columns, "reach");
    expectWhole(reach, ["cm01.corp.contoso.com", "macos-requires-internet-connections"], "reach");
    const check = inPty(columns, ["check", "untrusted-root"]);
    expectFits(check, columns, "check");
    expectWhole(check, ["certificate-untrusted", "cm01.corp.contoso.com", "1 error,"], "check");
    expect(check.indexOf("certificate-untrusted")).toBeLessThan(check.indexOf("replica-early-failures"));
  });

  it("a two-axis sweep with metrics keeps metric paths whole and each mean with its interval", () => {
    const metrics = [
      "attempts.failedByReason.device-not-in-replica",
      "replicas.replica1.visibilityDelaySeconds.p99",
    ];
    const args = [
      "sweep",
      "baseline",
      "--vary",
      "site.replicas.replica1.syncInterval=1m,5m",
      "--vary",
      "devices.hq-windows.count=100,200",
      "--runs",
      "3",
      "--jobs",
      "1",
      ...metrics.flatMap((m) => ["--metric", m]),
    ];
    const text = inPty(columns, args);
    expectFits(text, columns, "sweep");
    expectWhole(text, metrics, "sweep");
    // No line ends in a bare "±" (its half-width on the next line), nor starts with one.
    expect(text).not.toMatch(/\d ±\s*(│\s*)?$/m);
    expect(text).not.toMatch(/^[│\s]*± \d/m);
  });

  it("compare keeps metric paths whole and each mean with its interval", () => {
    const metric = "replicas.replica1.visibilityDelaySeconds.p99";
    const text = inPty(columns, [
      "compare",
      "baseline",
      "--with",
      "site.replicas.replica1.syncInterval=2m",
      "--runs",
      "3",
      "--jobs",
      "1",
      "--metric",
      metric,
    ]);
    expectFits(text, columns, "compare");
    expectWhole(
      text,
      [metric, "timeToFirstSuccessSeconds.mean", "failedAttemptsBeforeSuccess.mean"],
      "compare",
    );
    expect(text).not.toMatch(/\d ±\s*(│\s*)?$/m);
    expect(text).not.toMatch(/\(-?[\d.]+–\s*(│\s*)?$/m);
  });

  it("compare's configuration difference breaks a long path only after a dot", () => {
    const text = inPty(columns, ["compare", "baseline", "two-dmps", "--runs", "2", "--jobs", "1"]);
    expectFits(text, columns, "compare");
    expectWhole(text, ["allowMobileDevicesAndMacs", "cm02.corp.contoso.com"], "compare");
  });
});
