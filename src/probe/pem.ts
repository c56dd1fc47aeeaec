// PEM text → the certificate blocks it holds (for `--ca FILE`): a bundle may hold several.

const BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----` blocks of a PEM text, in order, each
 * with a final newline. Other blocks (keys, CRLs) and text around them are ignored.
 */
export function pemCertificates(text: string): string[] {
  return [...text.matchAll(BLOCK)].map((m) => `${m[0]}\n`);
}
