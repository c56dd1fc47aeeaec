// Judging observations and comparing them with the model, without a network: the result document,
// the agreement rules, the table's marks and the csv.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareWithPrediction } from "../../src/probe/compare.js";
import { renderProbeCsv } from "../../src/probe/csv.js";
import type { ProbeObservation } from "../../src/probe/observation.js";
import {
  MPLIST_MAX_BYTES,
  anyUnreachable,
  buildProbeReport,
  judgeObservation,
} from "../../src/probe/result.js";
import { DIFFERS_MARK, renderProbeTable } from "../../src/probe/table.js";
import { probeTargets, type ProbeTarget } from "../../src/probe/targets.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { singleServer } from "../helpers/scenarios.js";

const answered = (status: number, body: string | null = null): ProbeObservation => ({
  address: "10.1.0.5",
  port: 443,
  tcpConnectMs: 1.4,
  tlsHandshakeMs: 3.6,
  tlsProtocol: "TLSv1.3",
  certificate: { subject: "cm01", issuer: "Root", subjectAltNames: null, notBefore: null, notAfter: null },
  status,
  contentType: "text/xml",
  body: body === null ? null : new TextEncoder().encode(body),
  bodyTruncated: false,
  latencyMs: 12.4,
  error: null,
});

const refused: ProbeObservation = {
  ...answered(0),
  tcpConnectMs: null,
  tlsHandshakeMs: null,
  tlsProtocol: null,
  certificate: null,
  status: null,
  contentType: null,
  error: { code: "ECONNREFUSED", name: "Error", message: "connect ECONNREFUSED 10.1.0.5:443" },
};

const target = (check: ProbeTarget["check"]): ProbeTarget => ({
  server: "cm01.corp.contoso.com",
  role: "managementPoint",
  path: "/SMS_MP/.sms_aut?MPLIST",
  url: "https://cm01.corp.contoso.com/SMS_MP/.sms_aut?MPLIST",
  host: "cm01.corp.contoso.com",
  check,
});

describe("judgeObservation", () => {
  it("accepts an MPLIST answer and lists its management points", () => {
    const j = judgeObservation(
      target("mplist"),
      answered(200, '<MPList><MP FQDN="cm01.corp.contoso.com"/></MPList>'),
    );
    expect(j).toEqual({ ok: true, reason: null, detail: null, advertised: ["cm01.corp.contoso.com"] });
  });

  it("calls a 200 that is not an MPList, a cut body or no body an http-error", () => {
    const html = judgeObservation(target("mplist"), answered(200, "<html>Welcome to IIS</html>"));
    expect(html.reason).toBe("http-error");
    expect(html.detail).toContain("not a management point list");
    expect(
      judgeObservation(target("mplist"), { ...answered(200, "<MPList/>"), bodyTruncated: true }).detail,
    ).toContain(String(MPLIST_MAX_BYTES));
    expect(judgeObservation(target("mplist"), answered(200)).reason).toBe("http-error");
  });

  it("puts a network failure before the status", () => {
    expect(judgeObservation(target("anyAnswer"), refused)).toMatchObject({
      ok: false,
      reason: "server-down",
    });
    const bodyTimeout = {
      ...answered(200),
      error: { code: "UND_ERR_BODY_TIMEOUT", name: "BodyTimeoutError", message: "Body Timeout Error" },
    };
    expect(judgeObservation(target("mplist"), bodyTimeout)).toMatchObject({ ok: false, reason: "timeout" });
  });
});

describe("compareWithPrediction", () => {
  const ok = { ok: true, reason: null, tlsEstablished: true };
  const down = { ok: false, reason: "server-down", tlsEstablished: false };
  const expired = { ok: false, reason: "certificate-expired", tlsEstablished: false };
  const httpError = { ok: false, reason: "http-error", tlsEstablished: true };
  /** The model fails with the predicted reason only (and the listed others). */
  const model = (...others: string[]) => ({
    sameName: true,
    alsoFailsWith: (r: string) => others.includes(r),
  });

  it("agrees when both say ok, differs when only one does", () => {
    expect(compareWithPrediction(ok, "ok", model())).toBe("agrees");
    expect(compareWithPrediction(down, "ok", model())).toBe("differs");
    expect(compareWithPrediction(ok, "certificate-expired", model())).toBe("differs");
  });

  it("needs the same reason for the reasons a probe observes itself", () => {
    expect(compareWithPrediction(expired, "certificate-expired", model())).toBe("agrees");
    expect(compareWithPrediction(down, "certificate-expired", model())).toBe("differs");
    expect(compareWithPrediction(down, "server-down", model())).toBe("agrees");
    expect(compareWithPrediction(httpError, "certificate-untrusted", model())).toBe("differs");
  });

  it("agrees when the model knows the live fault but reports an earlier rule (OpenSSL's order is not the model's)", () => {
    // The scenario's certificate is both untrusted and expired: the model says untrusted, OpenSSL expired.
    expect(compareWithPrediction(expired, "certificate-untrusted", model("certificate-expired"))).toBe(
      "agrees",
    );
    expect(compareWithPrediction(expired, "certificate-untrusted", model())).toBe("differs");
  });

  it("judges no-certificate by whether a handshake completed", () => {
    expect(compareWithPrediction(down, "no-certificate", model())).toBe("agrees");
    expect(compareWithPrediction(httpError, "no-certificate", model())).toBe("differs");
    expect(compareWithPrediction(ok, "no-certificate", model())).toBe("differs");
  });

  it("cannot check role settings and device-side rules when the probe succeeds", () => {
    for (const reason of [
      "not-a-device-management-point",
      "https-required",
      "connection-type-not-allowed",
      "replica-unsupported-for-macos",
    ]) {
      expect(compareWithPrediction(ok, reason, model())).toBe("not-checkable");
      expect(compareWithPrediction(down, reason, model())).toBe("agrees");
    }
  });

  it("cannot check a group that uses another name than the probed one", () => {
    expect(compareWithPrediction(down, "ok", { sameName: false, alsoFailsWith: () => false })).toBe(
      "not-checkable",
    );
  });
});

describe("buildProbeReport", () => {
  it("gives the contract's fields first, predictions per group, and the MPLIST beside the scenario", () => {
    const scenario = singleServer({});
    const targets = probeTargets(scenario);
    const mplist = '<MPList><MP FQDN="cm01.corp.contoso.com"/><MP FQDN="cm09.corp.contoso.com"/></MPList>';
    const observations = targets.map((t) =>
      t.check === "mplist" ? answered(200, mplist) : t.role === "distributionPoint" ? refused : answered(200),
    );
    const report = buildProbeReport(scenario, targets, observations);
    expect(Object.keys(report)).toEqual(["format", "probes"]);
    const [epp, , dp, mp] = report.probes;
    expect(epp).toMatchObject({
      ok: true,
      reason: null,
      status: 200,
      latencyMs: 12,
      tcpConnectMs: 1,
      tlsHandshakeMs: 4,
    });
    expect(dp).toMatchObject({ ok: false, reason: "server-down", status: null, agrees: false });
    expect(dp?.predicted).toEqual([
      { group: "w", name: "cm01.corp.contoso.com", result: "ok", agreement: "differs" },
    ]);
    expect(mp).toMatchObject({
      advertisedManagementPoints: ["cm01.corp.contoso.com", "cm09.corp.contoso.com"],
      advertisedManagementPointsNotInScenario: ["cm09.corp.contoso.com"],
      scenarioManagementPointsNotAdvertised: [],
    });
    expect(anyUnreachable(report)).toBe(true);
    expect(anyUnreachable({ ...report, probes: report.probes.filter((p) => p.ok) })).toBe(false);

    const table = renderProbeTable(scenario, report);
    const dpRow = table.split("\n").find((l) => l.includes("│ DP"));
    expect(dpRow).toContain(`ok ${DIFFERS_MARK}`);
    expect(table).toContain("cm09.corp.contoso.com │ no ✗");
    expect(renderProbeCsv(report).split("\n")[3]).toMatch(
      /^cm01\.corp\.contoso\.com,distributionPoint,https:\/\/cm01\.corp\.contoso\.com\/,10\.1\.0\.5,false,server-down,,12,,443,false,connect ECONNREFUSED 10\.1\.0\.5:443$/,
    );
  });

  it("marks predictions for Macs that use the internet FQDN as not checkable", () => {
    const text = readFileSync(new URL("../../scenarios/mixed-windows-macos.json", import.meta.url), "utf8");
    const scenario = loadScenario(parseScenarioText(text, "auto"));
    const targets = probeTargets(scenario);
    const report = buildProbeReport(
      scenario,
      targets,
      targets.map(() => answered(200, "<MPList/>")),
    );
    const cm02 = report.probes.find(
      (p) => p.server === "cm02.corp.contoso.com" && p.role === "managementPoint",
    );
    expect(cm02?.predicted.map((p) => [p.group, p.name, p.agreement])).toEqual([
      ["hq-windows", "cm02.corp.contoso.com", "agrees"],
      ["mac-fleet", "cm02.contoso.com", "not-checkable"],
    ]);
    const table = renderProbeTable(scenario, report);
    expect(table).toContain("ok ?");
    expect(table).toContain("?: a probe cannot check this prediction");
  });

  it("refuses observations that do not match the targets", () => {
    const scenario = singleServer({});
    expect(() => buildProbeReport(scenario, probeTargets(scenario), [])).toThrow(
      "0 observations for 5 probe targets",
    );
  });
});
