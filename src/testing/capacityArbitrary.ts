// The finite servers `scenarioArbitrary` may give roles and databases (its `capacities` constraint).
import fc from "fast-check";
import type { GridTimes } from "./gridTimes.js";

/** A finite server as a scenario file writes it. */
export interface DrawnCapacity {
  readonly workers: number;
  readonly serviceTime: number | { mean: number; distribution: string; cv?: number };
  readonly queueLimit?: number;
}

/**
 * A small finite server, or none (three times in five). On a grid its service times are constant and whole
 * steps, so that services end at the instants polls, syncs and outage edges happen.
 */
export function capacityArbitrary(times: GridTimes): fc.Arbitrary<DrawnCapacity | undefined> {
  return fc.option(
    fc
      .record({
        workers: fc.integer({ min: 1, max: 3 }),
        kind: times.pick(
          fc.constantFrom("constant", "constant", "exponential", "lognormal"),
          fc.constant("constant"),
        ),
        // Whole seconds, so that services end together and meet arrivals at one instant.
        mean: times.pick(fc.integer({ min: 1, max: 120 }), fc.constantFrom(60, times.step)),
        cv: fc.constantFrom(0.5, 2),
        queueLimit: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      })
      .map((c) => ({
        workers: c.workers,
        serviceTime:
          c.kind === "constant"
            ? c.mean
            : c.kind === "exponential"
              ? { mean: c.mean, distribution: "exponential" }
              : { mean: c.mean, distribution: "lognormal", cv: c.cv },
        ...(c.queueLimit !== undefined ? { queueLimit: c.queueLimit } : {}),
      })),
    { freq: 3, nil: undefined },
  );
}
