// The package as a user gets it: `npm pack`, installed into a fresh project with vitest and fast-check,
// running the README's property-test example and the installed `mdmsim` program. Also publint and
// @arethetypeswrong/cli on the tarball. Slow (an npm install), so one test file does it once.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "mdmsim-pack-"));
const project = join(work, "project");
let tarball = "";
let files: string[] = [];
let installOutput = "";

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
  // So the manifest step of prepack/postpack (no `prepare` in the tarball) is run here by hand.
  let packed: { filename: string; files: { path: string }[] }[];
  execFileSync(process.execPath, ["scripts/packManifest.mjs", "strip"], { cwd: root });
  try {
    packed = JSON.parse(
      npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], root),
    ) as typeof packed;
  } finally {
    execFileSync(process.execPath, ["scripts/packManifest.mjs", "restore"], { cwd: root });
  }
  tarball = join(work, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "site-tests", private: true, type: "module" }),
  );
  installOutput = npm(
    ["install", "--prefer-offline", "--no-save", tarball, "vitest@4", "fast-check@4"],
    project,
  );
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
        "dist/bin/run.cjs",
        "dist/bin/run.cjs.cache",
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

  it("has no install script, so npm lists none, and its manifest is the repository's but for prepare", () => {
    const manifest = JSON.parse(
      execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
    ) as { scripts: Record<string, string> };
    for (const script of ["preinstall", "install", "postinstall", "prepare"])
      expect(manifest.scripts).not.toHaveProperty(script);
    expect(installOutput).not.toContain("install-scripts");
    const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as typeof manifest;
    expect(own.scripts.prepare).toBe("npm run build");
    expect({ ...manifest.scripts, prepare: own.scripts.prepare }).toEqual(own.scripts);
  });

  it("installs only the library's runtime dependencies, and the program runs on its bundles alone", () => {
    const installed = readdirSync(join(project, "node_modules"));
    for (const cliOnly of ["yargs", "vega", "vega-lite", "undici", "piscina", "asciichart"])
      expect(installed).not.toContain(cliOnly);
    // A sweep on two threads starts piscina's bundled worker and the sweep worker from dist/bin/.
    const sweep = spawnSync(
      join(project, "node_modules", ".bin", "mdmsim"),
      [
        "sweep",
        join(project, "node_modules", "mdmsim", "scenarios", "baseline.json"),
        "--vary",
        "devices.0.count=50,60",
        "--runs",
        "2",
        "--jobs",
        "2",
        "--format",
        "json",
      ],
      { cwd: project, encoding: "utf8" },
    );
    expect(sweep.status, sweep.stderr).toBe(0);
    expect((JSON.parse(sweep.stdout) as { variants: unknown[] }).variants).toHaveLength(2);
  });

  it("ships source maps that resolve: each carries its sources, each reference names a shipped map", () => {
    const maps = files.filter((f) => f.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    const dir = join(project, "node_modules", "mdmsim");
    for (const map of maps) {
      const parsed = JSON.parse(readFileSync(join(dir, map), "utf8")) as {
        sources: string[];
        sourcesContent?: string[];
      };
      expect(parsed.sourcesContent?.length, map).toBe(parsed.sources.length);
    }
    for (const file of files.filter((f) => /\.(js|cjs|d\.ts)$/.test(f))) {
      const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dir, file), "utf8"))?.[1];
      if (reference !== undefined) expect(files, file).toContain(join(dirname(file), reference));
    }
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
