// The package as a user gets it: `npm pack`, installed into a fresh project with vitest and fast-check,
// running the README's property-test example and the installed `mdmsim` program. Also publint and
// @arethetypeswrong/cli on the tarball. Slow (an npm install), so one test file does it once.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "mdmsim-pack-"));
const project = join(work, "project");
let tarball = "";
let files: string[] = [];

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      npm_config_fund: "false",
      npm_config_audit: "false",
      npm_config_update_notifier: "false",
    },
  });
}

beforeAll(() => {
  // --ignore-scripts: `npm test` has just built dist/; packing must not rebuild it under the running tests.
  const packed = JSON.parse(
    npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], root),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "site-tests", private: true, type: "module" }),
  );
  npm(["install", "--prefer-offline", "--no-save", tarball, "vitest@4", "fast-check@4"], project);
  copyFileSync(join(root, "examples", "site.property.test.ts"), join(project, "site.property.test.ts"));
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("holds the compiled library, types, the program and the scenarios, and nothing from test/", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "dist/index.js",
        "dist/index.d.ts",
        "dist/testing/index.js",
        "dist/testing/index.d.ts",
        "dist/bin/mdmsim.cjs",
        "dist/bin/mdmsim.cjs.cache",
        "dist/bin/sweepWorker.js",
        "bin/mdmsim",
        "bin/loadCli.cjs",
        "bin/package.json",
        "scenarios/baseline.json",
        "scripts/Export-MdmSite.ps1",
        "README.md",
      ]),
    );
    expect(
      files.filter((f) => f.startsWith("test/") || f.startsWith("src/") || f.startsWith("examples/")),
    ).toEqual([]);
  });

  it("runs the README's property-test example where it is installed", () => {
    const run = spawnSync(join(project, "node_modules", ".bin", "vitest"), ["run"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 passed/);
  }, 120_000);

  it("installs a working mdmsim program", () => {
    const run = spawnSync(join(project, "node_modules", ".bin", "mdmsim"), ["run", "--format", "json"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { scenario: string }).scenario).toBe("baseline");
    const script = spawnSync(join(project, "node_modules", ".bin", "mdmsim"), ["export-script"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(script.status, script.stderr).toBe(0);
    expect(script.stdout).toBe(readFileSync(join(root, "scripts", "Export-MdmSite.ps1"), "utf8"));
  });

  it("passes publint and @arethetypeswrong/cli", () => {
    const publint = spawnSync(join(root, "node_modules", ".bin", "publint"), ["run", tarball, "--strict"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(publint.status, publint.stdout + publint.stderr).toBe(0);
    expect(publint.stdout).toContain("All good!");
    const attw = spawnSync(
      join(root, "node_modules", ".bin", "attw"),
      [tarball, "--profile", "esm-only", "--format", "ascii"],
      { cwd: root, encoding: "utf8" },
    );
    expect(attw.status, attw.stdout + attw.stderr).toBe(0);
    expect(readdirSync(work).some((f) => f.endsWith(".tgz"))).toBe(true);
  });
});
