// Error codes and HTTP statuses → the reason vocabulary of cli-and-results.md (`probe`).
import { describe, expect, it } from "vitest";
import type { ObservedError } from "../../src/probe/observation.js";
import { PROBE_REASONS, answerVerdict, describeError, failureReason } from "../../src/probe/reasons.js";
import { REASONS } from "../../src/model/reasons.js";

const error = (code: string | null, name = "Error", message = "boom"): ObservedError => ({
  code,
  name,
  message,
});
const before = { tcpConnected: false, tlsEstablished: false };
const handshake = { tcpConnected: true, tlsEstablished: false };
const after = { tcpConnected: true, tlsEstablished: true };

describe("failureReason", () => {
  it.each([
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "certificate-untrusted"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "certificate-untrusted"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "certificate-untrusted"],
    ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "certificate-untrusted"],
    ["UNABLE_TO_GET_ISSUER_CERT", "certificate-untrusted"],
    ["CERT_UNTRUSTED", "certificate-untrusted"],
    ["INVALID_PURPOSE", "certificate-untrusted"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "certificate-name-mismatch"],
    ["CERT_HAS_EXPIRED", "certificate-expired"],
    ["CERT_NOT_YET_VALID", "certificate-not-yet-valid"],
  ])("%s during the handshake is %s", (code, reason) => {
    expect(failureReason(error(code), handshake)).toBe(reason);
  });

  it.each([
    ["ECONNREFUSED", "server-down"],
    ["EHOSTUNREACH", "server-down"],
    ["ENETUNREACH", "server-down"],
    ["ECONNRESET", "server-down"],
    ["ENOTFOUND", "dns-failed"],
    ["EAI_AGAIN", "dns-failed"],
    ["UND_ERR_CONNECT_TIMEOUT", "timeout"],
    ["ETIMEDOUT", "timeout"],
    ["EWHATEVER", "connection-failed"],
  ])("%s before the TCP connection is %s", (code, reason) => {
    expect(failureReason(error(code), before)).toBe(reason);
  });

  it("judges a cut connection by how far the probe had come", () => {
    expect(failureReason(error("ECONNRESET"), before)).toBe("server-down");
    expect(failureReason(error("ECONNRESET"), handshake)).toBe("tls-failed");
    expect(failureReason(error("UND_ERR_SOCKET"), after)).toBe("http-error");
  });

  it("calls other handshake failures tls-failed", () => {
    expect(failureReason(error("ERR_SSL_WRONG_VERSION_NUMBER"), handshake)).toBe("tls-failed");
    expect(failureReason(error("EPROTO"), handshake)).toBe("tls-failed");
    expect(failureReason(error(null), handshake)).toBe("tls-failed");
  });

  it("maps undici's header and body timeouts and the probe's own deadline to timeout", () => {
    expect(failureReason(error("UND_ERR_HEADERS_TIMEOUT"), after)).toBe("timeout");
    expect(failureReason(error("UND_ERR_BODY_TIMEOUT"), after)).toBe("timeout");
    expect(failureReason(error(null, "TimeoutError"), after)).toBe("timeout");
  });

  it("uses the model's own strings where one fits", () => {
    for (const reason of [
      "server-down",
      "certificate-untrusted",
      "certificate-name-mismatch",
      "certificate-expired",
      "certificate-not-yet-valid",
    ])
      expect(REASONS).toContain(reason);
    expect(PROBE_REASONS).toEqual(expect.arrayContaining(["dns-failed", "timeout", "http-error"]));
  });
});

describe("answerVerdict", () => {
  it("takes any answer from a distribution point or enrollment point", () => {
    for (const status of [200, 302, 403, 404, 500]) expect(answerVerdict("anyAnswer", status).ok).toBe(true);
  });

  it("needs 2xx from MPLIST, MPCERT and the discovery service; a redirect is named as not followed", () => {
    for (const check of ["mplist", "mpcert", "enrollmentDiscovery"] as const) {
      expect(answerVerdict(check, 200).ok).toBe(true);
      expect(answerVerdict(check, 404)).toEqual({ ok: false, detail: "HTTP 404" });
      expect(answerVerdict(check, 302)).toEqual({ ok: false, detail: "HTTP 302 (a redirect; not followed)" });
    }
  });

  it("takes any answer but a server error or a redirect from the client policy endpoint (a GET is no client's request)", () => {
    for (const status of [200, 400, 401, 403, 404, 405])
      expect(answerVerdict("clientPolicy", status).ok).toBe(true);
    expect(answerVerdict("clientPolicy", 500)).toEqual({
      ok: false,
      detail: "HTTP 500: the endpoint where clients request policy fails, for them too",
    });
    expect(answerVerdict("clientPolicy", 503).ok).toBe(false);
    expect(answerVerdict("clientPolicy", 302)).toEqual({
      ok: false,
      detail: "HTTP 302 (a redirect; not followed)",
    });
  });
});

describe("describeError", () => {
  it("puts the code first unless the message already names it", () => {
    expect(describeError(error("CERT_HAS_EXPIRED", "Error", "certificate has expired"))).toBe(
      "CERT_HAS_EXPIRED: certificate has expired",
    );
    expect(describeError(error("ECONNREFUSED", "Error", "connect ECONNREFUSED 127.0.0.1:1"))).toBe(
      "connect ECONNREFUSED 127.0.0.1:1",
    );
    expect(describeError(error(null, "TimeoutError", "The operation was aborted due to timeout\nmore"))).toBe(
      "The operation was aborted due to timeout",
    );
  });
});
