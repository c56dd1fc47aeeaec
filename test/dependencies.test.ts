// The package's runtime dependencies are exactly what the library's entry points load: everything the
// command line alone uses is a development dependency, carried by its bundles (scripts/bundle.mjs).
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url);

/** Packages `src/index.ts` and `src/testing/index.ts` load: static imports and lazy require("…") calls. */
async function libraryPackages(): Promise<string[]> {
  const result = await build({
    entryPoints: ["src/index.ts", "src/testing/index.ts"],
    absWorkingDir: new URL(".", root).pathname,
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    packages: "external",
    metafile: true,
    outdir: "unused",
    logLevel: "silent",
  });
  const names = new Set<string>();
  const add = (specifier: string) => {
    if (specifier.startsWith("node:") || specifier.startsWith(".")) return;
    names.add(
      specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/"),
    );
  };
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imported of input.imports) if (imported.external) add(imported.path);
    // Modules loaded on first use (createRequire) are invisible to the bundler: read them from the source.
    const text = readFileSync(new URL(file, root), "utf8");
    for (const m of text.matchAll(/lazyRequire\("([^"]+)"\)/g)) add(m[1] ?? "");
  }
  return [...names].sort();
}

describe("runtime dependencies", () => {
  it("are what the library loads, fast-check aside (an optional peer of mdmsim/testing)", async () => {
    const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const loaded = (await libraryPackages()).filter((name) => !(name in manifest.peerDependencies));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(loaded);
  });
});
