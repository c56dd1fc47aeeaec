// Hostile and broken input through the whole command line: every case ends in exit 0, 1 or 2, every exit 2
// is one message naming its source, and no stack trace ever reaches the user for a user mistake.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertUserOutcome, runCli } from "../helpers/cli.js";
import { jsonPaths } from "../helpers/jsonPaths.js";

const baseline = JSON.parse(
  readFileSync(new URL("../../scenarios/baseline.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
// Small enough that a valid mutation runs in milliseconds.
const small = {
  ...baseline,
  duration: "1h",
  devices: [{ ...(baseline.devices as Record<string, unknown>[])[0], count: 20 }],
};

function edit(
  root: unknown,
  path: (string | number)[],
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) return copy;
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) {
    // An earlier mutation may have replaced a container with a scalar: then this path is gone.
    if (node === null || typeof node !== "object") return copy;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node === null || typeof node !== "object") return copy;
  change(node as Record<string | number, unknown>, path[path.length - 1]!);
  return copy;
}

const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer({ min: -10, max: 2000 }),
  fc.constantFrom(
    1e12,
    -1,
    0,
    1e308,
    -0,
    0.5,
    "NaN",
    "Infinity",
    "-1s",
    "1e9d",
    "",
    "   ",
    [],
    {},
    null,
    true,
    "10.0.0.0/33",
    "2h15m",
    "__proto__",
  ),
);

const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom("replace", "delete", "add", "duplicate"),
  weird,
  fc.string({ maxLength: 12 }),
);

describe("fuzzing the command line", () => {
  it("ends every structural mutation of a valid scenario in exit 0, 1 or 2 with one clear message", async () => {
    const all = jsonPaths(small);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let scenario: unknown = small;
        for (const [pick, kind, value, key] of mutations) {
          const path = all[pick % all.length]!;
          scenario = edit(scenario, path, (parent, k) => {
            if (kind === "replace") parent[k] = value;
            else if (kind === "delete") {
              if (Array.isArray(parent)) parent.splice(Number(k), 1);
              else Reflect.deleteProperty(parent, k);
            } else if (kind === "add" && !Array.isArray(parent)) parent[key] = value;
            else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(k)]));
          });
        }
        const outcome = await runCli(["run", "s.json", "--format", "json"], {
          files: { "s.json": JSON.stringify(scenario) },
        });
        assertUserOutcome(outcome, "s.json");
        if (outcome.code !== 2) expect(() => JSON.parse(outcome.stdout) as unknown).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("ends arbitrary JSON values and arbitrary bytes as a file in exit 2 naming the file", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
          fc.uint8Array({ maxLength: 300 }),
        ),
        async (content) => {
          // Bytes are read as the program reads a file: decoded as UTF-8.
          const text = typeof content === "string" ? content : new TextDecoder().decode(content);
          const outcome = await runCli(["run", "junk.json"], { files: { "junk.json": text } });
          assertUserOutcome(outcome, "junk.json");
          expect(outcome.code).toBe(2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("ends arbitrary --set and --expect strings in exit 0, 1 or 2", async () => {
    const files = { "s.json": JSON.stringify(small) };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc
            .tuple(
              fc.constantFrom(
                "devices.0.count",
                "duration",
                "site.replicas.replica1.syncInterval",
                "devices.hq-windows.location",
                "__proto__.x",
                "a.b.c",
              ),
              fc.string(),
            )
            .map(([p, v]) => `${p}=${v}`),
        ),
        fc.oneof(
          fc.string(),
          fc
            .tuple(
              fc.constantFrom("devices.connected", "timeToFirstSuccessSeconds.p99", "nope"),
              fc.constantFrom("<", "<=", "==", "!=", ">", ">=", "=<"),
              fc.string(),
            )
            .map((t) => t.join(" ")),
        ),
        async (set, expectation) => {
          const outcome = await runCli(["run", "s.json", "--set", set, "--expect", expectation, "--quiet"], {
            files,
          });
          expect([0, 1, 2]).toContain(outcome.code);
          expect(outcome.stderr).not.toMatch(/\n\s+at /);
          if (outcome.code === 2) expect(outcome.stderr).toMatch(/^mdmsim: .+/);
          expect(({} as Record<string, unknown>).x).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses deeply nested JSON with exit 2, not a stack overflow", async () => {
    const outcome = await runCli(["run", "deep.json"], {
      files: { "deep.json": "[".repeat(200_000) + "]".repeat(200_000) },
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("deep.json: nesting deeper than 64 levels");
  });

  it("gives the same bytes whatever the order of keys in the file", async () => {
    const shuffle = (value: unknown, flip: boolean): unknown => {
      if (Array.isArray(value)) return value.map((v) => shuffle(v, flip));
      if (value === null || typeof value !== "object") return value;
      const entries = Object.entries(value).map(([k, v]) => [k, shuffle(v, !flip)] as const);
      return Object.fromEntries(flip ? entries.reverse() : entries);
    };
    const a = await runCli(["run", "a.json", "--format", "json"], {
      files: { "a.json": JSON.stringify(baseline) },
    });
    const b = await runCli(["run", "b.json", "--format", "json"], {
      files: { "b.json": JSON.stringify(shuffle(baseline, true)) },
    });
    const c = await runCli(["check", "b.json", "--format", "json"], {
      files: { "b.json": JSON.stringify(shuffle(baseline, false)) },
    });
    const d = await runCli(["check", "a.json", "--format", "json"], {
      files: { "a.json": JSON.stringify(baseline) },
    });
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(d.stdout);
  });
});
