// The fuzz suite's shapes of input (issue 27's bounds): YAML aliases of every size and nesting, sites of many
// management points and distribution points in one boundary group, imports of many duplicate names, through
// the whole command line in-process. Every case ends in exit 0, 1 or 2, an exit 2 is one line naming the
// file, and nothing large is ever built.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { expandedYamlSize, MAX_EXPANDED_BYTES } from "../../src/scenario/yamlText.js";
import { aliasBomb } from "../helpers/aliasBomb.js";
import { assertUserOutcome, runCli } from "../helpers/cli.js";

describe("fuzzed YAML aliases", () => {
  it("print a scenario of at most the file limit's text, or are refused naming the file", async () => {
    // The oracle is the pricing itself: refused exactly when the aliases stand for more than the limit.
    // The limit is near windows × copies = 300,000 (3000 × 99 is 9.96 MiB): these ranges give both outcomes;
    // a case near the limit prints 10 MiB, so few runs.
    const seen = { refused: 0, accepted: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8000 }),
        fc.integer({ min: 1, max: 99 }),
        async (windows, copies) => {
          const text = aliasBomb(windows, copies);
          const over = expandedYamlSize(parseDocument(text).contents).bytes > MAX_EXPANDED_BYTES;
          const outcome = await runCli(["run", "s.yaml", "--print-scenario"], { files: { "s.yaml": text } });
          if (over) {
            seen.refused++;
            expect(outcome.code).toBe(2);
            expect(outcome.stderr).toMatch(/^mdmsim: s\.yaml: .*its aliases stand for.*\n$/);
            expect(outcome.stderr).not.toMatch(/\n\s+at /);
          } else {
            seen.accepted++;
            expect(outcome.code, outcome.stderr).toBe(0);
            expect(outcome.stdout.length).toBeLessThan(40 * 1024 * 1024);
          }
        },
      ),
      { numRuns: 8, seed: 27 },
    );
    expect(seen.refused, "no case was refused").toBeGreaterThan(0);
    expect(seen.accepted, "no case was accepted").toBeGreaterThan(0);
  }, 120_000);

  it("nested aliases under the parser's cap are refused by the text they stand for", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 2, max: 9 }),
        async (levels, fan) => {
          const lines = [`l0: &l0 "${"x".repeat(20_000)}"`];
          for (let i = 1; i <= levels; i++)
            lines.push(
              `l${i}: &l${i} [${Array(fan)
                .fill(`*l${i - 1}`)
                .join(", ")}]`,
            );
          const outcome = await runCli(["run", "s.yaml", "--print-scenario"], {
            files: { "s.yaml": lines.join("\n") },
          });
          expect(outcome.code).toBe(2);
          expect(outcome.stderr).toMatch(/^mdmsim: s\.yaml: /);
          // Past the limit: refused for its aliases (by their text, or the parser's count) before anything else.
          if (fan ** levels * 20_000 > 11 * 1024 * 1024)
            expect(outcome.stderr).toMatch(/its aliases stand for|[Ee]xcessive alias count/);
        },
      ),
      { numRuns: 12, seed: 27 },
    );
  }, 120_000);
});

describe("fuzzing the shapes the planner prices", () => {
  const labSite = JSON.parse(
    readFileSync(new URL("../import/fixtures/lab-site.export.json", import.meta.url), "utf8"),
  ) as Record<string, unknown>;

  it("runs many DMPs and DPs in one boundary group (clients, content, outages) in bounded time, or refuses", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 1500 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom("windows", "configmgr-client"),
        fc.boolean(),
        fc.boolean(),
        async (servers, count, platform, content, outages) => {
          const names = Array.from({ length: servers }, (_, i) => `s${i}.corp.contoso.com`);
          const scenario = {
            name: "crowded",
            duration: "6h",
            site: {
              servers: [
                { name: "ep.corp.contoso.com", roles: { enrollmentPoint: {}, enrollmentProxyPoint: {} } },
                ...names.map((name, i) => ({
                  name,
                  roles: {
                    managementPoint: { https: true, allowMobileDevicesAndMacs: true },
                    ...(i % 3 === 0 ? { distributionPoint: { https: true, allowMobileDevices: true } } : {}),
                  },
                  outages: outages && i % 2 === 0 ? [{ from: "0s", to: "3h" }] : [],
                })),
              ],
              boundaries: [{ name: "B", type: "ipv4Range", value: "10.0.0.0/16" }],
              boundaryGroups: [{ name: "G", boundaries: ["B"], servers: names }],
            },
            devices: [{ name: "d", platform, count, content, addresses: "10.0.0.1-10.0.255.254" }],
          };
          const started = performance.now();
          const outcome = await runCli(["run", "s.json", "--format", "json"], {
            files: { "s.json": JSON.stringify(scenario) },
          });
          assertUserOutcome(outcome, "s.json");
          expect(performance.now() - started).toBeLessThan(10_000);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("imports boundaries and groups with duplicate names in bounded time, every name made unique", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("X", "X (2)", "Y", " X ", "X (3)"), { minLength: 1, maxLength: 3000 }),
        fc.array(fc.constantFrom("G", "G (2)", "H"), { minLength: 1, maxLength: 50 }),
        async (boundaryNames, groupNames) => {
          const data = {
            ...labSite,
            boundaries: boundaryNames.map((DisplayName, i) => ({
              BoundaryID: i + 1,
              BoundaryType: 3,
              Value: `10.${(i >> 8) & 255}.${i & 255}.1-10.${(i >> 8) & 255}.${i & 255}.254`,
              DisplayName,
            })),
            boundaryGroups: groupNames.map((Name, i) => ({ GroupID: i + 1, Name })),
            boundaryGroupMembers: boundaryNames.map((_, i) => ({
              GroupID: (i % groupNames.length) + 1,
              BoundaryID: i + 1,
            })),
          };
          const started = performance.now();
          const outcome = await runCli(["import", "e.json"], { files: { "e.json": JSON.stringify(data) } });
          assertUserOutcome(outcome, "e.json");
          expect(performance.now() - started).toBeLessThan(10_000);
          if (outcome.code === 0) {
            const site = (JSON.parse(outcome.stdout) as { site: Record<string, { name: string }[]> }).site;
            for (const list of [site.boundaries ?? [], site.boundaryGroups ?? []]) {
              const names = list.map((b) => b.name);
              expect(new Set(names).size).toBe(names.length);
            }
          }
        },
      ),
      { numRuns: 10 },
    );
  });
});
