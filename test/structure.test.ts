// The shape of the source tree: small files, no import cycles, no casts of the command line's arguments, no
// list spread into Math.max, Math.min or (in the pages' code) push: a long list overflows the stack; and
// browser tests that cannot be skipped under CI.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/cli.js";

const SRC = join(REPO_ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The project files a source file imports (static, type-only and dynamic imports, and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/\bfrom\s+"(\.[^"]+)"/g),
    ...text.matchAll(/\bimport\s*\(\s*"(\.[^"]+)"\s*\)/g),
    ...text.matchAll(/^import\s+"(\.[^"]+)"/gm),
  ].map((m) => m[1] ?? "");
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

/** A cycle in an import graph (file → files it imports), as the files around it, or null. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === "done") return null;
    if (state.get(f) === "open") return [...path.slice(path.indexOf(f)), f];
    state.set(f, "open");
    path.push(f);
    for (const g of graph.get(f) ?? []) {
      const cycle = visit(g);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(f, "done");
    return null;
  };
  for (const f of graph.keys()) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return null;
}

describe("the source tree", () => {
  const files = sourceFiles(SRC);

  it("has no file over 400 lines", () => {
    const long = files
      .map((f) => [relative(REPO_ROOT, f), readFileSync(f, "utf8").split("\n").length - 1] as const)
      .filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });

  it("has no import cycle, type-only imports included", () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((g) => files.includes(g))]));
    // The graph is read: the walk imports the poll schedule.
    expect(graph.get(join(SRC, "model", "walk.ts"))).toContain(join(SRC, "model", "pollSchedule.ts"));
    expect(findCycle(graph)?.map((f) => relative(REPO_ROOT, f)) ?? null).toBeNull();
  });

  it("finds a cycle when there is one (the check itself)", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", []],
    ]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
    expect(
      findCycle(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toBeNull();
  });

  it("casts no command-line argument in src/cli/ (the option tables type them)", () => {
    const casts = files
      .filter((f) => f.startsWith(join(SRC, "cli")))
      .flatMap((f) =>
        [...readFileSync(f, "utf8").matchAll(/\bargv\.\w+\s+as\s+\w/g)].map(
          (m) => `${relative(REPO_ROOT, f)}: ${m[0]}`,
        ),
      );
    expect(casts).toEqual([]);
  });

  it("spreads no list into Math.max or Math.min in the core, nor into push in the pages' code (src/extremes.ts)", () => {
    const offending: string[] = [];
    for (const file of files) {
      const at = relative(REPO_ROOT, file);
      if (at.startsWith("src/cli/") || at.startsWith("src/testing/")) continue;
      const text = readFileSync(file, "utf8");
      const pageCode = at.startsWith("src/studio/") || at.startsWith("src/report/html/");
      text.split("\n").forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        if (/Math\.(max|min)\([^)]*\.\.\./.test(line) || (pageCode && /\.push\(\s*\.\.\./.test(line)))
          offending.push(`${at}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });
});

describe("the browser tests", () => {
  it("launch Chromium only inside describeInChromium: skipped without it locally, failing under CI", () => {
    // Every test file that imports the Chromium helpers.
    const browser = sourceFiles(join(REPO_ROOT, "test")).filter((f) =>
      /^import [^;]* from "[./]*\/helpers\/chromium\.js";$/m.test(readFileSync(f, "utf8")),
    );
    expect(browser.length).toBeGreaterThan(0);
    const unguarded = browser
      .filter((f) => {
        const text = readFileSync(f, "utf8");
        return !text.includes("describeInChromium(") || /\bdescribe(\.\w+)*\(/.test(text);
      })
      .map((f) => relative(REPO_ROOT, f));
    expect(unguarded).toEqual([]);
  });
});
