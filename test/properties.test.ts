// Invariants of the model over generated scenarios (fast-check; the seed is pinned in test/setup.ts). The
// documented guarantees are checked through mdmsim/testing's predicates, the same ones users get; every
// property counts the cases it really checked and requires some, so none can pass by skipping them all.
import { meanOf } from "../src/model/distribution.js";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/schema.js";
import { simulate } from "../src/simulate.js";
import {
  firstPollAfterVisibilitySucceeds,
  noMacOnReplicaDmp,
  successAfterVisibility,
  visibilityWithinSyncWindow,
} from "../src/testing/predicates.js";
import { scenarioArbitrary } from "../src/testing/scenarioArbitrary.js";

const scenarios = (misconfigurations: boolean) =>
  scenarioArbitrary({ misconfigurations }).map((input) => loadScenario(input));
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Cases each property checked (devices, groups, results), printed at the end. */
const checked = new Map<string, number>();
const count = (what: string, n = 1) => checked.set(what, (checked.get(what) ?? 0) + n);

describe("simulation invariants", () => {
  afterAll(() => {
    console.log([...checked].map(([what, n]) => `  ${what.padEnd(56)} ${n}`).join("\n"));
  });

  it("never lets a device succeed before its record is visible to its DMP's database", () => {
    fc.assert(
      fc.property(scenarios(true), (scenario) => {
        const result = simulate(scenario, { perDevice: true });
        expect(successAfterVisibility(result)).toEqual([]);
        count("connected devices checked against visibility", result.devices.connected);
      }),
      { numRuns: 150 },
    );
    expect(checked.get("connected devices checked against visibility")).toBeGreaterThan(100);
  });

  it("keeps every carried commit's visibility delay within [D, P + D] (replicas without outages)", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary({ outages: false, randomApplyDelays: false }).map((s) => loadScenario(s)),
        (scenario) => {
          const result = simulate(scenario, { perDevice: true });
          expect(visibilityWithinSyncWindow(scenario, result)).toEqual([]);
          scenario.site.replicas.forEach((replica, i) => {
            const measured = result.replicas[i]?.visibilityDelaySeconds;
            if (measured?.max == null || measured.p50 == null) return;
            count("replicas with carried commits checked");
            const D = meanOf(replica.applyDelay);
            expect(measured.max).toBeLessThanOrEqual(replica.syncInterval + D + 1e-9);
            expect(measured.p50).toBeGreaterThanOrEqual(D);
          });
          const onReplica = (result.perDevice ?? []).filter(
            (d) => d.visibleAt !== null && d.managementPoint !== null && d.visibleAt !== d.committedAt,
          );
          count("devices on a replica checked against [D, P + D]", onReplica.length);
        },
      ),
      { numRuns: 100 },
    );
    expect(checked.get("replicas with carried commits checked")).toBeGreaterThan(20);
    expect(checked.get("devices on a replica checked against [D, P + D]")).toBeGreaterThan(100);
  });

  it("makes a device that only waits for the replica succeed at its first poll after visibility", () => {
    // Poll times are known only without jitter, and retries of device-not-in-replica would succeed between polls.
    const exact = scenarioArbitrary({ outages: false }).map((input) => {
      const scenario = loadScenario(input);
      return {
        ...scenario,
        devices: scenario.devices.map((g) => ({
          ...g,
          jitter: 0,
          connectionRetries: { ...g.connectionRetries, on: "connection" as const },
        })),
      };
    });
    fc.assert(
      fc.property(exact, (scenario) => {
        const result = simulate(scenario, { perDevice: true });
        expect(firstPollAfterVisibilitySucceeds(scenario, result)).toEqual([]);
        const lagOnly = result.groups.filter(
          (g) =>
            g.attempts.failed > 0 &&
            Object.keys(g.attempts.failedByReason).every((r) => r === "device-not-in-replica"),
        );
        count("groups failing only on the replica's lag", lagOnly.length);
      }),
      { numRuns: 100 },
    );
    expect(checked.get("groups failing only on the replica's lag")).toBeGreaterThan(5);
  });

  it("never assigns a macOS client a DMP on a replica (correct sites)", () => {
    fc.assert(
      fc.property(scenarios(false), (scenario) => {
        const result = simulate(scenario, { perDevice: true });
        expect(noMacOnReplicaDmp(scenario, result)).toEqual([]);
        const macs = scenario.devices.filter((g) => g.platform === "macos");
        count("macOS groups checked", macs.length);
      }),
      { numRuns: 100 },
    );
    expect(checked.get("macOS groups checked")).toBeGreaterThan(20);
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
        expect(r.content === null).toBe(!scenario.devices.some((g) => g.content));
        if (r.content) {
          count("content blocks added up");
          expect(r.content.succeeded + sum(r.content.failedByReason)).toBe(r.content.attempted);
          // Every connected device of a content group asked: it got content, or it was never served.
          const asked = r.groups
            .filter((_, i) => scenario.devices[i]?.content === true)
            .reduce((n, g) => n + g.devices.connected, 0);
          expect(r.content.timeToContentSeconds.count + r.content.neverServed).toBe(asked);
          expect(r.content.timeToContentSeconds.count).toBe(r.content.succeeded);
        }
      }),
      { numRuns: 150 },
    );
    expect(checked.get("content blocks added up")).toBeGreaterThan(30);
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
      fc.property(scenarios(false), fc.nat(), fc.integer({ min: 1, max: 40 }), (scenario, which, n) => {
        fc.pre(scenario.devices.length >= 2);
        const target = which % scenario.devices.length;
        const changed: Scenario = {
          ...scenario,
          devices: scenario.devices.map((g, i) => (i === target ? { ...g, count: n } : g)),
        };
        const before = simulate(scenario).groups;
        const after = simulate(changed).groups;
        const others = before.flatMap((g, i) => (i === target ? [] : [[g, after[i]] as const]));
        expect(others.length).toBe(scenario.devices.length - 1);
        for (const [was, is] of others) expect(is).toEqual(was);
        count("groups unchanged by another group's count", others.length);
      }),
      { numRuns: 100 },
    );
    expect(checked.get("groups unchanged by another group's count")).toBeGreaterThanOrEqual(100);
  });

  it("counts a traced device exactly as an untraced one (the trace is a sink, not a path of its own)", () => {
    fc.assert(
      fc.property(scenarios(true), fc.nat(), (scenario, which) => {
        const names = scenario.devices.flatMap((g) =>
          Array.from({ length: g.count }, (_, i) => `${g.name}-${i + 1}`),
        );
        const device = names[which % names.length] ?? "";
        const plain = simulate(scenario, { perDevice: true });
        const { trace, ...traced } = simulate(scenario, { perDevice: true, trace: device });
        expect(trace?.length).toBeGreaterThan(0);
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
