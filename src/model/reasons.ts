// Every failure reason of the model, with a small integer id for the hot path. Strings are the contract.

/** All reasons, in the order of model.md's reachability table, then the site-level ones. */
export const REASONS = [
  "server-down",
  "not-a-device-management-point",
  "dp-mobile-not-allowed",
  "https-required",
  "mdm-internet-unsupported",
  "macos-requires-internet-connections",
  "connection-type-not-allowed",
  "name-not-fqdn",
  "no-certificate",
  "certificate-untrusted",
  "certificate-name-mismatch",
  "certificate-not-yet-valid",
  "certificate-expired",
  "crl-unreachable",
  "replica-unsupported-for-macos",
  "database-unavailable",
  "device-not-in-replica",
  "no-management-point",
  "no-enrollment-proxy-point",
  "no-enrollment-point",
  "enrollment-point-down",
  "no-content-location",
  // The load model: a finite server's full queue (HTTP 503), and a device that stopped waiting for an answer.
  "server-busy",
  "request-timeout",
  // Not a failed try: an enrolled device whose first poll would fall at or after the end of the run.
  "not-polled",
] as const;

/** A reason string of the model. */
export type Reason = (typeof REASONS)[number];

/** The id of each reason (its index in `REASONS`). */
export const REASON_ID: Readonly<Record<Reason, number>> = Object.fromEntries(
  REASONS.map((reason, i) => [reason, i]),
) as Record<Reason, number>;

/** Id meaning "no failure". */
export const OK = -1;

/**
 * Whether a failed try with this reason is retried inside the same poll: every reason is connection-level
 * except `device-not-in-replica`, unless retries are `on: "any"`.
 */
export function isConnectionLevel(reasonId: number, on: "connection" | "any"): boolean {
  return on === "any" || reasonId !== REASON_ID["device-not-in-replica"];
}

/** Counts per reason id turned into a `{ reason: count }` object in `REASONS` order, zero counts left out. */
export function countsByReason(counts: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  REASONS.forEach((reason, i) => {
    const n = counts[i] ?? 0;
    if (n > 0) out[reason] = n;
  });
  return out;
}
