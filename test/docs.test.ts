// The generated files of docs/ are current: regenerate with `npm run docs` when this fails.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generatedDocs } from "../src/cli/generatedDocs.js";
import { scenarioJsonSchema } from "../src/scenario/jsonSchema.js";
import { runCli } from "./helpers/cli.js";

describe("docs/", async () => {
  const files = Object.entries(await generatedDocs());

  it.each(files)("%s is what npm run docs writes (run it after changing a declaration)", (file, text) => {
    const committed = readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
    expect(committed, `${file} is stale: run npm run docs`).toBe(text.endsWith("\n") ? text : `${text}\n`);
  });
});

// What ships documents itself: no text a user reads points at a file outside the project.
describe("the shipped documentation refers to nothing outside the project", async () => {
  const root = fileURLToPath(new URL("../", import.meta.url));
  const tracked = execFileSync("git", ["ls-files", "README.md", "docs"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".md"));
  const inProject = (from: string, target: string): boolean => {
    const resolved = resolve(root, dirname(from), target.split("#")[0] ?? "");
    return resolved.startsWith(root) && existsSync(resolved);
  };
  const outside = (file: string, text: string, links = true): string[] => {
    const found = [
      ...text.matchAll(/(?:\.\.\/)+shared|shared\/spec|\/work\/|(?:^|[\s`(])\/(?:home|tmp|Users)\//gm),
    ].map((m) => `${file}: ${m[0].trim()}`);
    if (!links) return found;
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1] ?? "";
      if (/^[a-z]+:/i.test(target) || target.startsWith("#")) continue;
      if (!inProject(file, target)) found.push(`${file}: link ${target}`);
    }
    for (const m of text.matchAll(/(?:^|[\s`(])((?:\.\.\/)+[\w./-]+)/gm)) {
      if (!inProject(file, m[1] ?? "")) found.push(`${file}: ${m[1] ?? ""}`);
    }
    return found;
  };

  it("finds the tracked files", () => {
    expect(tracked).toEqual(expect.arrayContaining(["README.md", "docs/README.md", "docs/scenario.md"]));
  });

  it.each(tracked)("%s names no path outside the project", (file) => {
    expect(outside(file, readFileSync(resolve(root, file), "utf8"))).toEqual([]);
  });

  const top = await runCli(["--help"]);
  const commands = [...top.stdout.matchAll(/^ {2}mdmsim ([a-z-]+)/gm)].map((m) => m[1] ?? "");

  it.each(["", ...commands])("mdmsim %s --help names no path outside the project", async (command) => {
    const out = await runCli([...(command === "" ? [] : [command]), "--help"]);
    expect(out.code).toBe(0);
    expect(outside("README.md", out.stdout)).toEqual([]);
    for (const m of out.stdout.matchAll(/\bdocs\/[\w.-]+\.md/g))
      expect(existsSync(resolve(root, m[0]))).toBe(true);
  });

  it("the JSON Schema's description names no path outside the project", () => {
    expect(outside("README.md", JSON.stringify(scenarioJsonSchema()), false)).toEqual([]);
  });
});

// A newcomer's first two commands on a fresh clone open the README, exactly as they run.
describe("the README", () => {
  it("starts with npm ci && npx mdmsim run, then npm test", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const first = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const commands = first
      .split("\n")
      .map((l) => l.replace(/\s+#.*$/, "").trim())
      .filter((l) => l !== "");
    expect(commands).toEqual(["npm ci && npx mdmsim run", "npm test"]);
    expect(readme.indexOf("```sh")).toBeLessThan(readme.indexOf("mdmsim is a"));
  });
});
