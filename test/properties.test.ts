// Invariants of the model over generated scenarios (fast-check; the seed is pinned in test/setup.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/schema.js";
import { simulate } from "../src/simulate.js";
import { scenarioArbitrary } from "../src/testing/scenarioArbitrary.js";

const scenarios = (misconfigurations: boolean) =>
  scenarioArbitrary({ misconfigurations }).map((input) => loadScenario(input));
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("simulation invariants", () => {
  it("never lets a device succeed before its record is visible to its DMP's database", () => {
    fc.assert(
      fc.property(scenarios(true), (scenario) => {
        const result = simulate(scenario, { perDevice: true });
        for (const d of result.perDevice ?? []) {
          if (d.firstSuccessAt === null) continue;
          expect(d.visibleAt).not.toBeNull();
          expect(d.firstSuccessAt).toBeGreaterThanOrEqual(d.visibleAt ?? Infinity);
          expect(d.committedAt).not.toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });

  it("adds up: devices, tries, reasons, histograms", () => {
    fc.assert(
      fc.property(scenarios(true), (scenario) => {
        const r = simulate(scenario);
        const d = r.devices;
        expect(d.connected + d.neverConnected).toBe(d.enrolled);
        expect(d.enrolled + d.enrollmentFailed + d.enrollmentPending).toBe(d.total);
        expect(r.attempts.succeeded + r.attempts.failed).toBe(r.attempts.total);
        expect(sum(r.attempts.failedByReason)).toBe(r.attempts.failed);
        expect(sum(r.enrollmentFailedByReason)).toBe(d.enrollmentFailed);
        expect(sum(r.neverConnectedByReason)).toBe(d.neverConnected);
        expect(sum(r.failedAttemptsBeforeSuccess.histogram)).toBe(d.connected);
        expect(r.timeToFirstSuccessSeconds.count).toBe(d.connected);
        expect(r.groups.reduce((n, g) => n + g.devices.total, 0)).toBe(d.total);
        expect(r.managementPoints.reduce((n, m) => n + m.attempts, 0)).toBeLessThanOrEqual(r.attempts.total);
        if (r.content) expect(r.content.succeeded + sum(r.content.failedByReason)).toBe(r.content.attempted);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same bytes for the same scenario and seed", () => {
    fc.assert(
      fc.property(scenarios(true), fc.integer({ min: 0, max: 2 ** 31 }), (scenario, seed) => {
        const a = JSON.stringify(simulate(scenario, { seed, perDevice: true }));
        const b = JSON.stringify(simulate(structuredClone(scenario), { seed, perDevice: true }));
        expect(a).toBe(b);
      }),
      { numRuns: 60 },
    );
  });

  it("leaves every other group's results unchanged when one group's count changes", () => {
    fc.assert(
      fc.property(scenarios(false), fc.nat(), fc.integer({ min: 1, max: 40 }), (scenario, which, count) => {
        fc.pre(scenario.devices.length >= 2);
        const target = which % scenario.devices.length;
        const changed: Scenario = {
          ...scenario,
          devices: scenario.devices.map((g, i) => (i === target ? { ...g, count } : g)),
        };
        const before = simulate(scenario).groups;
        const after = simulate(changed).groups;
        before.forEach((g, i) => {
          if (i !== target) expect(after[i]).toEqual(g);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("keeps every carried commit's visibility delay within [D, P + D]", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary({ outages: false }).map((s) => loadScenario(s)),
        (scenario) => {
          const result = simulate(scenario);
          scenario.site.replicas.forEach((replica, i) => {
            const measured = result.replicas[i]?.visibilityDelaySeconds;
            if (!measured || measured.count === 0) return;
            expect(measured.max ?? 0).toBeLessThanOrEqual(replica.syncInterval + replica.applyDelay + 1e-9);
            expect(measured.p50 ?? 0).toBeGreaterThanOrEqual(replica.applyDelay);
          });
          for (const d of simulate(scenario, { perDevice: true }).perDevice ?? []) {
            const mp = scenario.site.servers.find((s) => s.name === d.managementPoint)?.roles.managementPoint;
            const replica = scenario.site.replicas.find((r) => r.name === mp?.database);
            if (!replica || d.visibleAt === null || d.committedAt === null) continue;
            const delay = d.visibleAt - d.committedAt;
            expect(delay).toBeGreaterThanOrEqual(replica.applyDelay - 1e-9);
            expect(delay).toBeLessThanOrEqual(replica.syncInterval + replica.applyDelay + 1e-9);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("counts a traced device exactly as an untraced one (tracing takes it off the engine's shortcuts)", () => {
    // The engine skips work for a device that must enroll at its first try and for the polls after a
    // device's last possible failure; a traced device always takes the general path. Same numbers either
    // way, for whichever device is traced, means the shortcuts are exact.
    fc.assert(
      fc.property(scenarios(true), fc.nat(), (scenario, which) => {
        const names = scenario.devices.flatMap((g) =>
          Array.from({ length: g.count }, (_, i) => `${g.name}-${i + 1}`),
        );
        const device = names[which % names.length] ?? "";
        const plain = simulate(scenario, { perDevice: true });
        const { trace, ...traced } = simulate(scenario, { perDevice: true, trace: device });
        expect(trace).toBeDefined();
        expect(traced).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });

  it("evaluates extra expectations without changing anything else in the result", () => {
    fc.assert(
      fc.property(scenarios(false), (scenario) => {
        // Changing the run's expectations list changes only the expectations block.
        const a = simulate(scenario);
        const b = simulate({ ...scenario, expectations: ["devices.total >= 0"] });
        expect({ ...b, expectations: [] }).toEqual({ ...a, expectations: [] });
        expect(b.expectations).toEqual([
          { expression: "devices.total >= 0", actual: a.devices.total, passed: true },
        ]);
      }),
      { numRuns: 30 },
    );
  });
});
