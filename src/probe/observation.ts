// What the network adapter saw for one probe: plain data, so every judgement made from it (reason,
// verdict on the answer, MPLIST, comparison with the model) is pure and tested without a network.

/** The peer certificate of an established TLS session (as Node describes it). */
export interface ObservedCertificate {
  /** Subject common name (or the whole subject when it has none). */
  readonly subject: string | null;
  /** Issuer common name (or the whole issuer when it has none). */
  readonly issuer: string | null;
  /** `DNS:a, DNS:b` as Node gives it. */
  readonly subjectAltNames: string | null;
  /** Validity as ISO 8601 instants. */
  readonly notBefore: string | null;
  readonly notAfter: string | null;
}

/** A failure as Node or undici reported it. */
export interface ObservedError {
  /** `code` of the error (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, `UND_ERR_CONNECT_TIMEOUT` …), when it has one. */
  readonly code: string | null;
  /** The error's `name` (`TimeoutError` for the probe's own deadline). */
  readonly name: string;
  readonly message: string;
}

/** One probe's raw outcome. Times are milliseconds from the probe's start (before the name lookup). */
export interface ProbeObservation {
  /** The address connected to, else the first address the name resolved to; null when none. */
  readonly address: string | null;
  /** The port connected to (443 unless `--resolve` gave another). */
  readonly port: number | null;
  /** When the TCP connection was established; null when it never was. */
  readonly tcpConnectMs: number | null;
  /** When the TLS handshake finished (chain and name verified); null when it never did. */
  readonly tlsHandshakeMs: number | null;
  /** Negotiated TLS version (`TLSv1.3`). */
  readonly tlsProtocol: string | null;
  /** The peer certificate of a verified session; null when verification failed or no session was set up. */
  readonly certificate: ObservedCertificate | null;
  /**
   * The certificate the server presented in its handshake, recorded before verification, so an untrusted,
   * expired or wrongly named certificate is known too; null (or absent) when no handshake completed.
   */
  readonly presentedCertificate?: ObservedCertificate | null;
  /** HTTP status of the answer; null when none arrived. */
  readonly status: number | null;
  /** The answer's `content-type` header. */
  readonly contentType: string | null;
  /** The answer's body, read only where it is judged (MPLIST); null otherwise. */
  readonly body: Uint8Array | null;
  /** True when the body was longer than the adapter reads and was cut. */
  readonly bodyTruncated: boolean;
  /** From the probe's start to the answer's headers, or to the failure. */
  readonly latencyMs: number;
  /** The failure, when the probe did not get a complete answer. */
  readonly error: ObservedError | null;
}
