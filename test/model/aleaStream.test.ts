import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aleaStream } from "../../src/model/load/aleaStream.js";
import { substream } from "../../src/random.js";

describe("aleaStream", () => {
  it("draws what substream draws, for any seed and name", () => {
    fc.assert(
      fc.property(fc.nat(), fc.string(), (seed, name) => {
        const a = substream(seed, name);
        const b = aleaStream(seed, name);
        for (let i = 0; i < 200; i++) expect(b()).toBe(a());
      }),
    );
  });

  it("stays equal over a long run", () => {
    const a = substream(1, "load:cm01/managementPoint");
    const b = aleaStream(1, "load:cm01/managementPoint");
    for (let i = 0; i < 1_000_000; i++) if (a() !== b()) throw new Error(`draw ${String(i)} differs`);
  });
});
