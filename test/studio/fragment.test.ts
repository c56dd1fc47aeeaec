// The URL fragment keeps the studio's edits: any path and value text come back as they went in, and a
// mangled fragment never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeEdits, encodeEdits, setOptions } from "../../src/studio/fragment.js";

// Paths and values with the characters that matter: separators (&, =, #, +, %), spaces, JSON, non-ASCII.
const text = fc.string({
  unit: fc.constantFrom(...'ab.1-_&=#+% {}[]":,é€😀'.split(/(?:)/u)),
  minLength: 1,
  maxLength: 12,
});

describe("the URL fragment", () => {
  it("writes readable paths and JSON values", () => {
    const fragment = encodeEdits([
      { path: "site.replicas.replica1.syncInterval", value: "10m" },
      { path: "site.servers.cm01.corp.contoso.com.outages", value: '[{"from":"0s","to":"30m"}]' },
    ]);
    expect(fragment).toBe(
      "site.replicas.replica1.syncInterval=10m&site.servers.cm01.corp.contoso.com.outages=%5B%7B%22from%22%3A%220s%22%2C%22to%22%3A%2230m%22%7D%5D",
    );
    expect(decodeEdits(`#${fragment}`)).toEqual([
      { path: "site.replicas.replica1.syncInterval", value: "10m" },
      { path: "site.servers.cm01.corp.contoso.com.outages", value: '[{"from":"0s","to":"30m"}]' },
    ]);
  });

  it("gives back any edits it was given (distinct paths, in order)", () => {
    let withSeparators = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ path: text, value: fc.oneof(text, fc.constant("")) }), {
          selector: (e) => e.path,
          maxLength: 5,
        }),
        (edits) => {
          const kept = edits.filter((e) => e.path.trim() !== "");
          runs++;
          if (kept.some((e) => /[&=#+%]/.test(e.path + e.value))) withSeparators++;
          expect(decodeEdits(`#${encodeEdits(kept)}`)).toEqual(kept);
        },
      ),
      { numRuns: 300 },
    );
    // The generator does reach the characters that could break the format.
    expect(withSeparators).toBeGreaterThan(runs / 4);
  });

  it("leaves out what is not PATH=VALUE or not valid percent-encoding, and keeps a repeated path's last value", () => {
    expect(decodeEdits("#seed=2&nonsense&=5&bad=%E0%A4%A&count=%zz&seed=3&x=a+b")).toEqual([
      { path: "seed", value: "3" },
      { path: "x", value: "a b" },
    ]);
    expect(decodeEdits("")).toEqual([]);
    expect(decodeEdits("#")).toEqual([]);
  });

  it("names the edits as mdmsim run's --set options", () => {
    expect(setOptions([{ path: "devices.hq-windows.count", value: "5000" }])).toEqual([
      "devices.hq-windows.count=5000",
    ]);
  });
});
