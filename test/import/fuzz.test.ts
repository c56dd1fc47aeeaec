// Mutated exports never crash the import: each ends in a scenario that loads (unreadable rows skipped and
// named) or in one ScenarioError; through the command line, exit 0 or 2 and never a stack.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { importSite } from "../../src/import/importSite.js";
import { loadScenario } from "../../src/scenario/load.js";
import { runCli } from "../helpers/cli.js";
import { readExport } from "./helpers.js";
import { jsonPaths } from "../helpers/jsonPaths.js";

const base = readExport("client-site");

const ALL_PATHS = jsonPaths(base).filter((p) => p.length > 0);

/** One edit: delete the value at a path, or put another there. */
const edit = fc.record({
  path: fc.constantFrom(...ALL_PATHS),
  value: fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(null, "", 0, 7, -1, "1", [], {}, "\\\\", "10.0.0.9-10.0.0.1", "\\\\X.Y.Z"),
    fc.anything({ maxDepth: 2 }),
  ),
});

function mutate(edits: readonly { path: (string | number)[]; value: unknown }[]): Record<string, unknown> {
  const data = structuredClone(base);
  for (const { path, value } of edits) {
    let node: unknown = data;
    for (const key of path.slice(0, -1))
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    const last = path[path.length - 1];
    if (node === null || typeof node !== "object" || last === undefined) continue;
    const container = node as Record<string | number, unknown>;
    if (value === undefined) {
      if (Array.isArray(container) && typeof last === "number") container.splice(last, 1);
      else Reflect.deleteProperty(container, last);
    } else container[last] = value;
  }
  return data;
}

describe("mutated exports", () => {
  it("give a scenario that loads, with skipped rows named, or one ScenarioError", () => {
    const seen = { clean: 0, skipped: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const data = mutate(edits);
        let result;
        try {
          result = importSite(data);
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
          seen.refused++;
          return;
        }
        expect(() => loadScenario(result.scenario)).not.toThrow();
        for (const row of result.skipped)
          expect(row.where).toMatch(/^(siteType|defaultBoundaryGroup|[A-Za-z]+\[\d+\])$/);
        if (result.skipped.length > 0) seen.skipped++;
        else seen.clean++;
      }),
      { numRuns: 400, seed: 17 },
    );
    // The generator reaches each outcome, not only the easy one.
    expect(seen.clean).toBeGreaterThan(20);
    expect(seen.skipped).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(5);
  });

  it("through the command line: exit 0 or 2, the file named on exit 2, never a stack", async () => {
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => JSON.stringify(mutate(edits))),
          fc.string({ maxLength: 40 }),
          fc.constantFrom("", "{", "[]", "null", '{"siteRoles": 5}', "\uFEFF{}", "\u0000{\u0000}"),
        ),
        async (text) => {
          const outcome = await runCli(["import", "export.json"], { files: { "export.json": text } });
          codes.add(outcome.code);
          expect([0, 2]).toContain(outcome.code);
          expect(outcome.stderr).not.toMatch(/\n\s+at /);
          if (outcome.code === 2) {
            expect(outcome.stderr).toMatch(/^mdmsim: export\.json: /);
            expect(outcome.stdout).toBe("");
          }
        },
      ),
      { numRuns: 120, seed: 17 },
    );
    expect([...codes].sort()).toEqual([0, 2]);
  });
});
