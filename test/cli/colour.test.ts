// Colour and width through the real bin/mdmsim: none into a pipe, FORCE_COLOR and NO_COLOR honoured,
// never in JSON or CSV; at a real terminal (a pseudo-terminal from script(1)) colour and the terminal's width.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/report/terminal.js";
import { BIN, REPO_ROOT } from "../helpers/cli.js";

const ESC = String.fromCharCode(0x1b);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`);
const SGR_ALL = new RegExp(SGR.source, "g");
const scenario = `${REPO_ROOT}scenarios/mixed-windows-macos.json`;

// The environment of the tests without the colour variables a test runner may set.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== "FORCE_COLOR" && name !== "NO_COLOR"),
);

function runBin(args: readonly string[], env: Readonly<Record<string, string>> = {}): { stdout: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...cleanEnv, ...env },
  });
  if (child.error) throw child.error;
  return { stdout: child.stdout };
}

describe("bin/mdmsim into a pipe", () => {
  it("writes no colour and lays tables out at full width (one row per line)", () => {
    const out = runBin(["check", scenario]);
    expect(out.stdout).not.toMatch(SGR);
    expect(out.stdout).toContain("┌──────────┬");
    expect(Math.max(...out.stdout.split("\n").map(displayWidth))).toBeGreaterThan(120);
  });

  it("colours with FORCE_COLOR (even over NO_COLOR), but never JSON or CSV", () => {
    const envs: Record<string, string>[] = [{ FORCE_COLOR: "1" }, { FORCE_COLOR: "1", NO_COLOR: "1" }];
    for (const env of envs) {
      const table = runBin(["check", scenario], env);
      expect(table.stdout).toMatch(SGR);
      expect(table.stdout).toContain("\u001b[33mwarning\u001b[39m");
      for (const format of ["json", "csv"]) {
        const out = runBin(["check", scenario, "--format", format], env);
        expect(out.stdout, format).not.toMatch(SGR);
      }
    }
    expect(runBin(["check", scenario], { FORCE_COLOR: "0" }).stdout).not.toMatch(SGR);
  });
});

// script(1) runs the command on a pseudo-terminal of the given width; its own output is the terminal's.
function atTerminal(columns: number, env: string): string | undefined {
  const probe = spawnSync("script", ["--version"], { encoding: "utf8" });
  if (probe.error) return undefined;
  const command = `stty cols ${columns} rows 50; ${env} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check ${JSON.stringify(scenario)}`;
  const child = spawnSync("script", ["-qec", command, "/dev/null"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...cleanEnv, TERM: "xterm-256color" },
  });
  return child.stdout.replaceAll("\r\n", "\n");
}

describe("bin/mdmsim at a terminal", () => {
  const hasScript = spawnSync("script", ["--version"]).error === undefined;

  it.skipIf(!hasScript)("colours and fits the terminal's width; NO_COLOR turns colour off", () => {
    const coloured = atTerminal(80, "") ?? "";
    expect(coloured).toMatch(SGR);
    const plain = atTerminal(80, "NO_COLOR=1") ?? "";
    expect(plain).not.toMatch(SGR);
    for (const text of [coloured, plain]) {
      const lines = text.replace(SGR_ALL, "").split("\n");
      expect(lines.length).toBeGreaterThan(5);
      expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(80);
    }
  });
});
