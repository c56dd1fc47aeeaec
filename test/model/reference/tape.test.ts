import { describe, expect, it } from "vitest";
import { newDrawCounts } from "../../../src/model/draws.js";
import { GroupTapes } from "../../../src/model/reference/tape.js";
import { groupStream } from "../../../src/random.js";

describe("GroupTapes", () => {
  it("hands each device its share of the group's stream, in device order, whatever order they ask in", () => {
    const counts = newDrawCounts(2);
    counts.jitter.set([2, 1]);
    const tapes = new GroupTapes(1, "g", counts);
    const stream = groupStream(1, "g", "jitter");
    const values = [stream(), stream(), stream()];
    expect(tapes.draw("jitter", 1)).toBe(values[2]);
    expect(tapes.draw("jitter", 0)).toBe(values[0]);
    expect(tapes.draw("jitter", 0)).toBe(values[1]);
    tapes.finish();
  });

  it("fails when a device asks for more than its share, or leaves part of it", () => {
    const counts = newDrawCounts(1);
    counts.epp.set([1]);
    const tapes = new GroupTapes(1, "g", counts);
    expect(() => {
      tapes.finish();
    }).toThrow("g-1 drew 0 epp values, the fast engine 1");
    tapes.draw("epp", 0);
    expect(() => tapes.draw("epp", 0)).toThrow("g-1 draws more epp values");
  });
});
