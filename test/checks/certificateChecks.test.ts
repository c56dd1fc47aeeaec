// The certificate entries: trust, names, validity against start and duration, binding, CRLs.
import { describe, expect, it } from "vitest";
import {
  certificateExpires,
  certificateNameMismatch,
  certificateUntrusted,
  crlLdapNonDomain,
  crlUnreachable,
  noCertificate,
} from "../../src/checks/certificateChecks.js";
import type { Check } from "../../src/checks/catalogue.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { build, certificate, CM01, group, OTHER_ROOT, server } from "../helpers/ruleScenarios.js";
import { checkInput } from "../helpers/checkInput.js";

const CERT = `site.servers.${CM01}.certificate`;
const first = (check: Check, s: Scenario) => check.hits(checkInput(s))[0];

describe("certificate entries", () => {
  it("find nothing on a correct site", () => {
    for (const platform of ["windows", "macos"] as const) {
      const input = checkInput(build(platform));
      for (const check of [
        certificateUntrusted,
        certificateNameMismatch,
        certificateExpires,
        noCertificate,
        crlUnreachable,
      ])
        expect(check.hits(input)).toEqual([]);
    }
  });

  it("certificateUntrusted names the issuer and what the group trusts", () => {
    const s = build("windows", (d) => {
      group(d).trustedRoots = [OTHER_ROOT];
    });
    expect(first(certificateUntrusted, s)).toMatchObject({
      path: CERT,
      severity: "error",
      message: `group "w" does not trust "Contoso Root CA", the issuer of ${CM01}'s certificate (it trusts "${OTHER_ROOT}")`,
    });
  });

  it("certificateNameMismatch names the certificate's names and the one the devices use", () => {
    const s = build("windows", (d) => {
      certificate(d).names = ["other.corp.contoso.com"];
    });
    expect(first(certificateNameMismatch, s)?.message).toBe(
      `${CM01}'s certificate names "other.corp.contoso.com", and group "w" connects to "${CM01}"`,
    );
  });

  it("certificateExpires: an error when invalid at the start, a warning when it expires during the run", () => {
    const expired = build("windows", (d) => {
      certificate(d).notAfter = "2025-12-01T00:00:00Z";
    });
    expect(first(certificateExpires, expired)).toMatchObject({ path: CERT, severity: "error" });
    const during = build("windows", (d) => {
      certificate(d).notAfter = "2026-01-01T01:00:00Z";
    });
    expect(first(certificateExpires, during)).toMatchObject({
      severity: "warning",
      message: expect.stringContaining("1h into the run") as unknown,
    });
  });

  it("noCertificate: the group and the role it must reach", () => {
    const s = build("windows", (d) => {
      server(d).certificate = null;
    });
    expect(first(noCertificate, s)?.message).toBe(
      `${CM01} has no web server certificate bound, and group "w" must reach its enrollment proxy point over HTTPS`,
    );
  });

  it("LDAP CRLs: unreachable for Macs (error), only domain-joined for Windows (info)", () => {
    const ldap = (platform: "windows" | "macos") =>
      build(platform, (d) => {
        certificate(d).crl = "ldap";
      });
    expect(first(crlUnreachable, ldap("macos"))).toMatchObject({ path: CERT, severity: "error", group: "m" });
    expect(crlLdapNonDomain.hits(checkInput(ldap("macos")))).toEqual([]);
    expect(first(crlLdapNonDomain, ldap("windows"))).toMatchObject({ path: CERT, severity: "info" });
  });
});
