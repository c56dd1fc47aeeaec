// Bundles the compiled CLI: Node 20 resolves and compiles ~200 small ES modules on every start (about a
// third of a second); one minified file starts in a fraction of that (see BENCHMARKS.md). Code behind a
// dynamic import() (charts, the worker pool) goes to chunks that load only when a command needs them.
// The output sits at the same depth as dist/cli/, so paths relative to import.meta.url still hold.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry content hashes: clear old ones so the package holds only this build's.
rmSync("dist/bin", { recursive: true, force: true });

await build({
  // The sweep's worker thread loads a file of its own; it lands beside the chunk that starts the pool.
  entryPoints: { mdmsim: "dist/cli/main.js", sweepWorker: "dist/cli/sweepWorker.js" },
  // piscina starts its threads from its own worker.js beside its __dirname: it must stay a real package.
  external: ["piscina"],
  outdir: "dist/bin",
  chunkNames: "[name]-[hash]",
  splitting: true,
  bundle: true,
  minify: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  // ES module builds first: jsonc-parser's UMD build requires files by computed paths.
  mainFields: ["module", "main"],
  // Some bundled CommonJS dependencies call require(); give ES module output one.
  banner: {
    js: "import { createRequire as __mdmsimRequire } from 'node:module'; const require = __mdmsimRequire(import.meta.url);",
  },
  logLevel: "warning",
});
