// check's table: what needs action first (errors, warnings, then info), counts with their nouns.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/checks/finding.js";
import { renderCheckTable } from "../../src/report/checkTable.js";

const finding = (id: Finding["id"], severity: Finding["severity"]): Finding => ({
  id,
  severity,
  path: "site",
  message: `${id} message`,
  fix: "fix it",
  source: "docs",
});

describe("renderCheckTable", () => {
  const findings = [
    finding("out-of-support", "info"),
    finding("replica-early-failures", "warning"),
    finding("certificate-untrusted", "error"),
  ];

  it("lists errors, then warnings, then info, whatever order the checks gave", () => {
    for (const columns of [undefined, 80, 120]) {
      const text = renderCheckTable("s", findings, columns === undefined ? {} : { columns });
      const at = (id: string) => text.indexOf(id);
      expect(at("certificate-untrusted")).toBeLessThan(at("replica-early-failures"));
      expect(at("replica-early-failures")).toBeLessThan(at("out-of-support"));
    }
  });

  it("counts in the singular for one: 1 error, 1 warning", () => {
    expect(renderCheckTable("s", findings)).toContain("mdmsim check: s: 1 error, 1 warning, 1 info");
    expect(renderCheckTable("s", [...findings, finding("https-required", "error")])).toContain(
      "2 errors, 1 warning, 1 info",
    );
  });
});
