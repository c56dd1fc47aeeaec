// The one fallback decision: a client's window and its fallback pool are asked for only when needed (the
// loaded engine made an object and computed the address at every counted failed try).
import { describe, expect, it } from "vitest";
import { fallbackAfter, FailureWindow } from "../../src/model/fallback.js";
import { REASON_ID } from "../../src/model/reasons.js";

describe("fallbackAfter", () => {
  it("asks for the window at a counting failure only, and for the pool only at the fifth in ten minutes", () => {
    const window = new FailureWindow();
    const asked = { window: 0, pool: 0 };
    const windowOf = () => {
      asked.window++;
      return window;
    };
    const others = (mp: number) => {
      asked.pool++;
      return [mp + 1];
    };
    const fail = (t: number, reason: number) => fallbackAfter(windowOf, others, 0, t, reason, () => 0);
    expect(fail(0, REASON_ID["device-not-in-replica"])).toBe(-1);
    expect(asked).toEqual({ window: 0, pool: 0 });
    const down = REASON_ID["server-down"];
    expect([1, 2, 3, 4].map((t) => fail(t, down))).toEqual([-1, -1, -1, -1]);
    expect(asked).toEqual({ window: 4, pool: 0 });
    expect(fail(5, down)).toBe(1);
    expect(asked).toEqual({ window: 5, pool: 1 });
  });
});
