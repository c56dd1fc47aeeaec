// docs/scenario.md (and `explain`) say a field's meaning once, not once per enrollment pattern that shares it.
import { describe, expect, it } from "vitest";
import { explain } from "../../src/explain/explain.js";
import { scenarioReference } from "../../src/explain/reference.js";

const sections = scenarioReference().split(/\n(?=### )/);

describe("a field several patterns share", () => {
  it("has its meaning said once in its section", () => {
    for (const section of sections) {
      const paragraphs = section.split("\n\n").map((p) => p.replace(/^With pattern [^:]+: /, ""));
      const repeated = paragraphs.filter((p, i) => p.trim() !== "" && paragraphs.indexOf(p) !== i);
      expect(repeated, section.split("\n")[0]).toEqual([]);
    }
    const delay = sections.find((s) => s.startsWith("### `devices.enrollment.delay`")) ?? "";
    expect(delay).not.toContain("With pattern");
    expect(delay.match(/From a successful enrollment/g)).toHaveLength(1);
  });

  it("names the patterns that have a field when only some do", () => {
    const to = sections.find((s) => s.startsWith("### `devices.enrollment.to`")) ?? "";
    expect(to).toContain("With pattern `uniform` or `even`: End of the enrollment window");
    const from = sections.find((s) => s.startsWith("### `devices.enrollment.from`")) ?? "";
    expect(from).toContain("With pattern `poisson`: When arrivals start");
    expect(explain("scenario", "devices.enrollment.retryAfter")).not.toContain("(uniform)");
  });
});
