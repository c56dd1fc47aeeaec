// One finding per (id, path): chosen by severity, the first hit speaks, other groups are named; never by text.
import { describe, expect, it } from "vitest";
import type { Hit } from "../../src/checks/catalogue.js";
import { findingsOf, groupList, sortFindings, type Finding } from "../../src/checks/finding.js";

const hit = (
  path: string,
  severity: Hit["severity"],
  message: string,
  group?: string,
  part?: string,
): Hit => ({
  path,
  severity,
  message,
  fix: `fix ${message}`,
  ...(group !== undefined ? { group } : {}),
  ...(part !== undefined ? { part } : {}),
});

describe("groupList", () => {
  it("names one, two or more groups", () => {
    expect(groupList(["a"])).toBe('group "a"');
    expect(groupList(["a", "b"])).toBe('groups "a" and "b"');
    expect(groupList(["a", "b", "c"])).toBe('groups "a", "b" and "c"');
  });

  it("names five groups and counts the rest: a finding's message does not grow with the groups", () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `g${i}`);
    expect(groupList(names.slice(0, 5))).toBe('groups "g0", "g1", "g2", "g3" and "g4"');
    expect(groupList(names)).toBe('groups "g0", "g1", "g2", "g3", "g4" and 19995 more');
    const [f] = findingsOf(
      "dp-mobile-not-allowed",
      "src",
      names.map((g) => hit("p", "error", `used by ${g}`, g)),
    );
    expect(f?.message).toBe('used by g0 (also groups "g1", "g2", "g3", "g4", "g5" and 19994 more)');
  });
});

describe("findingsOf", () => {
  it("keeps the most severe hits of a path; the first of them speaks and fixes", () => {
    const found = findingsOf("dp-mobile-not-allowed", "src", [
      hit("p", "warning", "site-wide"),
      hit("p", "error", "used by a", "a"),
      hit("p", "error", "used by b", "b"),
    ]);
    expect(found).toEqual([
      {
        id: "dp-mobile-not-allowed",
        severity: "error",
        path: "p",
        message: 'used by a (also group "b")',
        fix: "fix used by a",
        source: "src",
      },
    ]);
  });

  it("names each other group once, never the speaker's own", () => {
    const [f] = findingsOf("no-certificate", "s", [
      hit("p", "error", "a via EPP", "a"),
      hit("p", "error", "a via MP", "a"),
      hit("p", "error", "c via MP", "c"),
      hit("p", "error", "c via EPP", "c"),
    ]);
    expect(f?.message).toBe('a via EPP (also group "c")');
  });

  it("gives one finding per path, and per part where an entry has parts", () => {
    const found = findingsOf("missing-role", "s", [
      hit("site.servers", "error", "no EP", undefined, "ep"),
      hit("site.servers", "error", "no DP", undefined, "dp"),
      hit("other", "warning", "x"),
      hit("other", "warning", "y"),
    ]);
    expect(found.map((f) => f.message)).toEqual(["no EP", "no DP", "x"]);
  });

  it("does not depend on message text: equal texts at two paths stay two findings", () => {
    expect(
      findingsOf("https-required", "s", [hit("a", "error", "same"), hit("b", "error", "same")]),
    ).toHaveLength(2);
  });
});

describe("sortFindings", () => {
  it("sorts by catalogue order, then path, keeping detection order within a place", () => {
    const f = (id: Finding["id"], path: string, message = ""): Finding => ({
      id,
      path,
      message,
      severity: "error",
      fix: "",
      source: "",
    });
    const sorted = sortFindings([
      f("out-of-support", "site"),
      f("https-required", "b"),
      f("missing-role", "site.servers", "2"),
      f("https-required", "a"),
      f("missing-role", "site.servers", "1"),
    ]);
    expect(sorted.map((x) => `${x.id} ${x.path} ${x.message}`)).toEqual([
      "missing-role site.servers 2",
      "missing-role site.servers 1",
      "https-required a ",
      "https-required b ",
      "out-of-support site ",
    ]);
  });
});
