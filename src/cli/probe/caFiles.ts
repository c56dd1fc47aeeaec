// `--ca FILE`: certificates trusted besides Node's root store, read and checked before anything is
// contacted, so a bad file is one clear message (exit 2) rather than every probe failing.
import { X509Certificate } from "node:crypto";
import { UsageError } from "../../errors.js";
import { pemCertificates } from "../../probe/pem.js";
import type { CliIo } from "../io.js";

function readError(error: unknown): string {
  const code = error !== null && typeof error === "object" && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return "it does not exist";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads `--ca` files: each must hold at least one PEM certificate, and every certificate must parse.
 * @returns the PEM certificates of all files, in order
 * @throws UsageError naming the option and the file
 */
export function readCaFiles(io: CliIo, files: readonly string[]): string[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      throw new UsageError(`--ca ${file}: cannot read the file: ${readError(error)}`);
    }
    const blocks = pemCertificates(text);
    if (blocks.length === 0)
      throw new UsageError(
        `--ca ${file}: no PEM certificate in the file (expected "-----BEGIN CERTIFICATE-----")`,
      );
    blocks.forEach((block, i) => {
      try {
        new X509Certificate(block);
      } catch {
        throw new UsageError(
          `--ca ${file}: certificate ${i + 1} of the file is not a valid X.509 certificate`,
        );
      }
    });
    return blocks;
  });
}
