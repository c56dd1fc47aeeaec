// `--ca FILE`: certificates trusted besides Node's root store, read and checked before anything is
// contacted, so a bad file is one clear message (exit 2) rather than every probe failing.
import { X509Certificate } from "node:crypto";
import { UsageError } from "../../errors.js";
import { pemCertificates } from "../../probe/pem.js";
import { describeReadError } from "../scenarioFile.js";
import type { CliIo } from "../io.js";

/** Most bytes a `--ca` file may hold: a bundle of a few hundred certificates. */
export const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * Reads `--ca` files: each must hold at least one PEM certificate, and every certificate must parse.
 * @returns the PEM certificates of all files, in order
 * @throws UsageError naming the option and the file
 */
export function readCaFiles(io: CliIo, files: readonly string[]): string[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = io.readFile(file, MAX_CA_FILE_BYTES);
    } catch (error) {
      throw new UsageError(`--ca ${file}: ${describeReadError(error)}`);
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
