// The one formatter of seconds on the pages: the number, and from two minutes up the time as a person reads it.
import { describe, expect, it } from "vitest";
import { readableTime, secondsText } from "../../src/report/format.js";

describe("secondsText", () => {
  it("writes times above two minutes as hours and minutes beside the seconds", () => {
    expect(secondsText(4500)).toBe("4500 s (1h15m)");
    expect(secondsText(4512.34)).toBe("4512.3 s (1h15m)");
    expect(secondsText(252)).toBe("252 s (4m12s)");
    expect(secondsText(120)).toBe("120 s (2m)");
    expect(secondsText(119.5)).toBe("119.5 s");
    expect(secondsText(null)).toBe("–");
  });

  it("leaves the unit to a column's header, and keeps an interval's text", () => {
    expect(secondsText(4500, { unit: false })).toBe("4500 (1h15m)");
    expect(secondsText(2584.5, { unit: false, text: "2584.5 ± 392.5" })).toBe("2584.5 ± 392.5 (43m5s)");
    expect(secondsText(0.0421, { digits: 3 })).toBe("0.042 s");
  });

  it("rounds to the minute from an hour up, to the second below", () => {
    expect(readableTime(3629)).toBe("1h");
    expect(readableTime(3631)).toBe("1h1m");
    expect(readableTime(90061)).toBe("1d1h1m");
    expect(readableTime(60)).toBe("");
  });
});
