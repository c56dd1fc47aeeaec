// The package as a user gets it: `npm pack` once, installed into two empty TypeScript projects made the way
// a user makes them (`npm init -y` and `tsc --init` defaults): a CommonJS one (npm's default "type") and an
// ES module one. In each: `tsc --noEmit`, the README's property-test example under vitest, and the README's
// commands through the installed `mdmsim`. Also publint and @arethetypeswrong/cli on the tarball, and every
// link the shipped text prints resolves inside the installed package. Slow (npm installs), so one test file
// does it once, both installs at the same time.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchors, docsMentions, linksOf } from "./helpers/markdownLinks.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "mdmsim-pack-"));
/** The two projects: `npm init -y` gives "type": "commonjs"; the ES module one sets "type": "module". */
const PROJECTS = { commonjs: join(work, "commonjs"), module: join(work, "module") } as const;
type ProjectKind = keyof typeof PROJECTS;
const project = PROJECTS.module;
let tarball = "";
let files: string[] = [];
let installOutput = "";

const NPM_ENV = {
  ...process.env,
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_update_notifier: "false",
};

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: NPM_ENV,
  });
}

const tsc = join(root, "node_modules", ".bin", "tsc");

/** `npx mdmsim ARGS` in a project (the installed bin, as npx finds it). */
function mdmsim(
  kind: ProjectKind,
  args: readonly string[],
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(join(PROJECTS[kind], "node_modules", ".bin", "mdmsim"), args, {
    cwd: PROJECTS[kind],
    encoding: "utf8",
  });
}

// A CommonJS file (no ESM syntax under tsc --init's verbatimModuleSyntax) that passes mdmsim/testing's
// arbitrary to the user's own `require("fast-check")`: the types must be the same declarations.
const COMMONJS_CHECK = `import fc = require("fast-check");
import mdmsim = require("mdmsim");
import testing = require("mdmsim/testing");

fc.assert(
  fc.property(testing.scenarioArbitrary({ misconfigurations: false }), (input) => {
    const result = mdmsim.simulate(mdmsim.loadScenario(input), { perDevice: true });
    return testing.successAfterVisibility(result).length === 0;
  }),
  { numRuns: 10 },
);
console.log("commonjs property held");
`;

beforeAll(async () => {
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
  for (const [kind, dir] of Object.entries(PROJECTS)) {
    mkdirSync(dir, { recursive: true });
    npm(["init", "-y"], dir);
    if (kind === "module") npm(["pkg", "set", "type=module"], dir);
    execFileSync(tsc, ["--init"], { cwd: dir, stdio: "ignore" });
  }
  const outputs = await Promise.all(
    Object.values(PROJECTS).map((dir) =>
      promisify(execFile)(
        "npm",
        ["install", "--prefer-offline", "--no-save", tarball, "vitest@4", "fast-check@4"],
        { cwd: dir, encoding: "utf8", env: NPM_ENV },
      ),
    ),
  );
  installOutput = outputs.map((o) => o.stdout + o.stderr).join("\n");
  // In a CommonJS project the example is saved as .mts, as the README says: vitest's test files are ES modules.
  copyFileSync(
    join(root, "examples", "site.property.test.ts"),
    join(PROJECTS.commonjs, "site.property.test.mts"),
  );
  writeFileSync(join(PROJECTS.commonjs, "commonjs-check.ts"), COMMONJS_CHECK);
  copyFileSync(
    join(root, "examples", "site.property.test.ts"),
    join(PROJECTS.module, "site.property.test.ts"),
  );
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
}, 120_000);

describe.each(Object.keys(PROJECTS) as ProjectKind[])("installed into a %s TypeScript project", (kind) => {
  const dir = (): string => PROJECTS[kind];

  it("was made by npm init -y and tsc --init, with their defaults", () => {
    const manifest = JSON.parse(readFileSync(join(dir(), "package.json"), "utf8")) as { type?: string };
    expect(manifest.type ?? "commonjs").toBe(kind);
    expect(readFileSync(join(dir(), "tsconfig.json"), "utf8")).toMatch(/"module": "nodenext"/);
  });

  it("type-checks: tsc --noEmit finds no error (one fast-check, the user's)", () => {
    const check = spawnSync(tsc, ["--noEmit"], { cwd: dir(), encoding: "utf8" });
    expect(check.stdout + check.stderr).not.toMatch(/separate declarations of a private property/);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    // fast-check is a peer dependency: npm installs the user's copy once, none inside mdmsim.
    expect(existsSync(join(dir(), "node_modules", "mdmsim", "node_modules", "fast-check"))).toBe(false);
  }, 120_000);

  it("runs the README's property-test example with vitest", () => {
    const run = spawnSync(join(dir(), "node_modules", ".bin", "vitest"), ["run"], {
      cwd: dir(),
      encoding: "utf8",
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 passed/);
  }, 120_000);

  it("runs the README's commands: run baseline, check untrusted-root, scenarios", () => {
    const run = mdmsim(kind, ["run", "baseline", "--format", "json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: "mdmsim-run/1", scenario: "baseline" });
    const table = mdmsim(kind, ["run", "baseline"]);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain("mdmsim run: baseline");
    const check = mdmsim(kind, ["check", "untrusted-root"]);
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toContain("certificate-untrusted");
    const list = mdmsim(kind, ["scenarios"]);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^baseline {2,}The documented topology/m);
    expect(list.stdout).toMatch(/^untrusted-root {2,}WRONG/m);
  });
});

describe("the CommonJS project", () => {
  it("requires mdmsim and mdmsim/testing from CommonJS, with the user's fast-check", () => {
    const out = join(PROJECTS.commonjs, "out");
    // The project's own settings, compiled to out/ (then removed, so vitest never sees the compiled test).
    execFileSync(tsc, ["-p", ".", "--outDir", out], { cwd: PROJECTS.commonjs, stdio: "ignore" });
    const run = spawnSync(process.execPath, [join(out, "commonjs-check.js")], {
      cwd: PROJECTS.commonjs,
      encoding: "utf8",
    });
    rmSync(out, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("commonjs property held");
  }, 120_000);
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

// Every link a user is shown: in the shipped markdown (README, ARCHITECTURE, docs/), in `--help`, in
// `explain` and in the generated pages. Each must name a file of the tarball (relative to the file that
// links, or to the package for the program's `docs/…` mentions) and, with an anchor, a heading there.
describe("every link the package shows resolves inside the installed package", () => {
  const installed = (): string => join(PROJECTS.module, "node_modules", "mdmsim");
  /** Why `target` (linked from `from`, a path in the package) does not resolve, or undefined. */
  function unresolved(from: string, target: string): string | undefined {
    const [path = "", anchor] = target.split("#");
    const file = path === "" ? from : relative(installed(), resolve(installed(), dirname(from), path));
    if (file.startsWith("..")) return `${from}: ${target} is outside the package`;
    const inPackage = files.includes(file) || files.some((f) => f.startsWith(`${file.replace(/\/$/, "")}/`));
    if (!inPackage) return `${from}: ${target} is not in the package`;
    if (anchor !== undefined && file.endsWith(".md")) {
      if (!anchors(readFileSync(join(installed(), file), "utf8")).has(anchor))
        return `${from}: ${target} names no heading of ${file}`;
    }
    return undefined;
  }

  it("ships docs/ and the README's, ARCHITECTURE's and docs' links all resolve (anchors too)", () => {
    expect(files).toEqual(
      expect.arrayContaining(["docs/README.md", "docs/scenario.md", "scenario.schema.json"]),
    );
    const markdown = files.filter((f) => f.endsWith(".md"));
    expect(markdown.length).toBeGreaterThan(10);
    const broken = markdown.flatMap((file) =>
      linksOf(readFileSync(join(installed(), file), "utf8")).flatMap((t) => unresolved(file, t) ?? []),
    );
    expect(broken).toEqual([]);
  });

  it("each bundled scenario's $schema names the shipped schema, which is what mdmsim schema prints", () => {
    const printed = mdmsim("module", ["schema"]);
    expect(printed.status, printed.stderr).toBe(0);
    const scenarios = files.filter((f) => /^scenarios\/[^/]+\.json$/.test(f));
    expect(scenarios.length).toBeGreaterThan(10);
    for (const file of scenarios) {
      const { $schema } = JSON.parse(readFileSync(join(installed(), file), "utf8")) as { $schema: string };
      expect(unresolved(file, $schema)).toBeUndefined();
      expect(readFileSync(resolve(installed(), dirname(file), $schema), "utf8"), file).toBe(printed.stdout);
    }
  });

  it("so do the docs/ mentions of --help and explain", () => {
    const top = mdmsim("module", ["--help"]);
    const commands = [...top.stdout.matchAll(/^ {2}mdmsim ([a-z-]+)/gm)].map((m) => m[1] ?? "");
    expect(commands).toContain("scenarios");
    const texts = [top.stdout, ...commands.map((c) => mdmsim("module", [c, "--help"]).stdout)];
    for (const args of [
      [],
      ["devices.polling"],
      ["site.replicas.syncInterval"],
      ["--result", "attempts.failed"],
    ])
      texts.push(mdmsim("module", ["explain", ...args]).stdout);
    const mentions = texts.flatMap(docsMentions);
    expect(mentions).toContain("docs/scenario.md#devicespolling");
    expect(mentions.flatMap((t) => unresolved("package.json", t) ?? [])).toEqual([]);
  });

  it("so do the links of the report and studio pages", () => {
    const pages = ["report", "studio"].map((command) => {
      const page = join(PROJECTS.module, `${command}.html`);
      const out = mdmsim("module", [command, "baseline", "--out", page]);
      expect(out.status, out.stderr).toBe(0);
      return readFileSync(page, "utf8");
    });
    const targets = pages.flatMap((html) =>
      [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)]
        .map((m) => m[1] ?? "")
        .filter((t) => t !== "" && !t.startsWith("#") && !/^(?:data|blob|https?):/.test(t)),
    );
    expect(targets).toEqual([]);
  }, 120_000);
});
