// The catalogue's ids are the published ones in their order, then the ones added later in theirs (the
// reachability id connection-type-not-allowed beside the device-side rules), and an entry turns each detected
// subject into a hit with its severity, place and words.
import { describe, expect, it } from "vitest";
import { CHECK_IDS, defineCheck, SOURCES } from "../../src/checks/catalogue.js";
import { build } from "../helpers/ruleScenarios.js";
import { ADDED, CATALOGUE, PROJECT_IDS } from "../helpers/catalogue.js";
import { checkInput } from "../helpers/checkInput.js";

describe("CHECK_IDS", () => {
  it("are the published catalogue in its order, with connection-type-not-allowed after mdm-internet-unsupported", () => {
    expect(CHECK_IDS.filter((id) => !ADDED.includes(id) && !PROJECT_IDS.includes(id))).toEqual(CATALOGUE);
    expect(CHECK_IDS.indexOf("connection-type-not-allowed")).toBe(
      CHECK_IDS.indexOf("mdm-internet-unsupported") + 1,
    );
  });

  it("then the added ids, in the order of the catalogue's second table, then the project's deployment-delay", () => {
    const later: readonly string[] = CHECK_IDS.slice(CHECK_IDS.indexOf("out-of-support") + 1);
    const added = later.filter((id) => !PROJECT_IDS.includes(id));
    expect(added).toEqual(ADDED.filter((id) => id !== "connection-type-not-allowed" && later.includes(id)));
    // Every id of the second table is built.
    expect(added).toEqual(ADDED.filter((id) => id !== "connection-type-not-allowed"));
    expect(later[later.length - 1]).toBe("deployment-delay");
  });
});

describe("defineCheck", () => {
  const entry = defineCheck<number>({
    severity: "warning",
    scope: "site",
    source: SOURCES.scale,
    summary: "s",
    fixSummary: "f",
    detect: () => [1, 2, 3],
    path: (n) => `p${n % 2}`,
    severityOf: (n) => (n === 3 ? "error" : "warning"),
    message: (n) => `m${n}`,
    fix: (n) => `f${n}`,
    group: (n) => (n === 1 ? undefined : `g${n}`),
  });

  it("makes a hit per subject, with the subject's severity, and keeps the documented fields", () => {
    expect(entry.hits(checkInput(build("windows")))).toEqual([
      { path: "p1", severity: "warning", message: "m1", fix: "f1" },
      { path: "p0", severity: "warning", message: "m2", fix: "f2", group: "g2" },
      { path: "p1", severity: "error", message: "m3", fix: "f3", group: "g3" },
    ]);
    expect(entry).toMatchObject({ severity: "warning", scope: "site", source: SOURCES.scale, summary: "s" });
  });
});
