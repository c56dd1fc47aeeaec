// The finite servers `scenarioArbitrary` may give roles and databases (its `capacities` constraint).
import fc from "fast-check";

/** A small finite server, or none (three times in five). */
export const capacityArbitrary = fc.option(
  fc
    .record({
      workers: fc.integer({ min: 1, max: 3 }),
      kind: fc.constantFrom("constant", "constant", "exponential", "lognormal"),
      // Whole seconds, so that services end together and meet arrivals at one instant.
      mean: fc.integer({ min: 1, max: 120 }),
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
