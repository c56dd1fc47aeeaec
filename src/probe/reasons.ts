// From what the network said to the model's vocabulary: error codes of Node's TLS/DNS/socket layers
// and undici, and HTTP statuses, mapped to the reason strings of cli-and-results.md (`probe`).
import type { ObservedError } from "./observation.js";
import type { ProbeCheck } from "./targets.js";

/**
 * Every reason a probe can give. The first five are the model's own reasons (model.md); `dns-failed`,
 * `timeout` and `http-error` are the spec's additions; `tls-failed` (a handshake that failed for another
 * cause than the certificate: protocol or cipher mismatch, a reset during the handshake) and
 * `connection-failed` (any other network error) are this implementation's, so that every failure has a
 * reason rather than a guess.
 */
export const PROBE_REASONS = [
  "server-down",
  "certificate-untrusted",
  "certificate-name-mismatch",
  "certificate-not-yet-valid",
  "certificate-expired",
  "dns-failed",
  "timeout",
  "tls-failed",
  "http-error",
  "connection-failed",
] as const;

/** A reason string of a failed probe. */
export type ProbeReason = (typeof PROBE_REASONS)[number];

// OpenSSL verification codes, as Node passes them on, that mean "no trusted chain to this certificate".
const UNTRUSTED = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "PATH_LENGTH_EXCEEDED",
  "INVALID_CA",
  // Not valid for server authentication: a device rejects it as it rejects an unknown issuer.
  "INVALID_PURPOSE",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  // OpenSSL's name for a server key below `MIN_RSA_KEY_BITS` (Debian's curl refuses it, as devices should).
  "EE_KEY_TOO_SMALL",
]);

/** The smallest RSA key a server certificate may have (NIST SP 800-131A; OpenSSL's security level 2). */
export const MIN_RSA_KEY_BITS = 2048;

/**
 * Why a server certificate's key is too weak to trust, or undefined when it is not.
 * @param key - whether the key is RSA, and its size in bits
 */
export function weakKeyDetail(key: {
  readonly rsa: boolean;
  readonly bits: number | undefined;
}): string | undefined {
  if (!key.rsa || key.bits === undefined || key.bits >= MIN_RSA_KEY_BITS) return undefined;
  return `the server's certificate has a ${key.bits}-bit RSA key; at least ${MIN_RSA_KEY_BITS} bits are required`;
}

const CODE_REASON: Readonly<Record<string, ProbeReason>> = {
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate-name-mismatch",
  ERR_TLS_CERT_ALTNAME_FORMAT: "certificate-name-mismatch",
  CERT_HAS_EXPIRED: "certificate-expired",
  CERT_NOT_YET_VALID: "certificate-not-yet-valid",
  ENOTFOUND: "dns-failed",
  EAI_AGAIN: "dns-failed",
  EAI_FAIL: "dns-failed",
  EAI_NODATA: "dns-failed",
  EAI_NONAME: "dns-failed",
  ENODATA: "dns-failed",
  ESERVFAIL: "dns-failed",
  ECONNREFUSED: "server-down",
  EHOSTUNREACH: "server-down",
  ENETUNREACH: "server-down",
  EHOSTDOWN: "server-down",
  ENETDOWN: "server-down",
  EADDRNOTAVAIL: "server-down",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
  ETIMEDOUT: "timeout",
};

// The connection was cut: what that means depends on how far the probe had come.
const CUT = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/** How far a failed probe had come. */
export interface ProbeProgress {
  readonly tcpConnected: boolean;
  readonly tlsEstablished: boolean;
}

/**
 * The reason for a failed probe.
 *
 * A reset before the TCP connection is up means nothing listens (`server-down`), during the handshake
 * it is a TLS failure (`tls-failed`: IIS resets a handshake it cannot serve, e.g. with no certificate
 * bound), after the handshake the server took the request and did not answer it (`http-error`).
 */
export function failureReason(error: ObservedError, progress: ProbeProgress): ProbeReason {
  // The probe's own overall deadline (AbortSignal.timeout) surfaces as a DOMException without a code.
  if (error.name === "TimeoutError") return "timeout";
  const code = error.code ?? "";
  if (UNTRUSTED.has(code)) return "certificate-untrusted";
  const mapped = CODE_REASON[code];
  if (mapped !== undefined) return mapped;
  const stage = !progress.tcpConnected ? "tcp" : !progress.tlsEstablished ? "tls" : "http";
  if (CUT.has(code) || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code === "EPROTO") {
    if (stage === "tcp") return CUT.has(code) ? "server-down" : "tls-failed";
    return stage === "tls" ? "tls-failed" : "http-error";
  }
  if (stage === "tls") return "tls-failed";
  if (stage === "http") return "http-error";
  return "connection-failed";
}

/** The verdict on an HTTP answer (before its body is looked at). */
export type AnswerVerdict = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/**
 * Judges an HTTP status. For a distribution point or enrollment point any answer proves TCP and TLS
 * (IIS answers `/` with 403 or 404 when directory browsing is off). The management point's MPLIST and
 * MPCERT and the enrollment proxy point's discovery service must answer 2xx: a redirect (never followed)
 * or an error status means a device would not get the document it asks for there.
 */
export function answerVerdict(check: ProbeCheck, status: number): AnswerVerdict {
  if (check === "anyAnswer") return { ok: true };
  if (check === "clientPolicy") return clientPolicyVerdict(status);
  if (status >= 200 && status <= 299) return { ok: true };
  if (status >= 300 && status <= 399)
    return { ok: false, detail: `HTTP ${status} (a redirect; not followed)` };
  return { ok: false, detail: `HTTP ${status}` };
}

/**
 * Judges the answer of a management point's client policy endpoint to the probe's GET. A client posts a
 * signed message there (verb CCM_POST); the probe is no registered client and sends none, so the MP may
 * refuse the request (4xx): that answer still shows the endpoint is served over verified TLS. A server
 * error is what clients get too when the MP's handlers fail (as when IIS cannot read their configuration,
 * HTTP 500.19); a redirect is not followed.
 */
function clientPolicyVerdict(status: number): AnswerVerdict {
  if (status >= 300 && status <= 399)
    return { ok: false, detail: `HTTP ${status} (a redirect; not followed)` };
  if (status >= 500)
    return {
      ok: false,
      detail: `HTTP ${status}: the endpoint where clients request policy fails, for them too`,
    };
  return { ok: true };
}

/** A one-line description of a network error for the table and the `detail` field. */
export function describeError(error: ObservedError): string {
  const message = error.message.split("\n")[0] ?? "";
  if (error.code === null || message.includes(error.code)) return message;
  return `${error.code}: ${message}`;
}
