// The one way the program reads a file: at most the limit plus one byte, whatever the file is (a regular
// file, /dev/zero, a pipe, a sparse file of gigabytes), then a refusal naming the limit.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Thrown when a file holds more than the limit; `code` lets `describeReadError` word it. */
export class FileTooLargeError extends Error {
  readonly code = "EFBIG";
  constructor(readonly limit: number) {
    super(`larger than ${shownLimit(limit)}`);
  }
}

/** A byte limit as people write it: "10 MiB", "64 KiB", "512 bytes". */
export function shownLimit(bytes: number): string {
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

const CHUNK = 1024 * 1024;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads a file (or an open descriptor, such as 0 for standard input) as UTF-8, never more than
 * `maxBytes + 1` bytes.
 * @throws FileTooLargeError when the file holds more than `maxBytes`; the file system's errors otherwise
 */
export function readBounded(file: string | number, maxBytes: number): string {
  const fd = typeof file === "number" ? file : openSync(file, "r");
  try {
    const stat = fstatSync(fd);
    // A regular file says its size: refuse before reading anything.
    if (stat.isFile() && stat.size > maxBytes) throw new FileTooLargeError(maxBytes);
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stat.isFile() ? stat.size + 1 : CHUNK));
    const chunks: Buffer[] = [];
    let current = buffer;
    let used = 0;
    let total = 0;
    for (;;) {
      if (used === current.length) {
        chunks.push(current);
        current = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
        used = 0;
      }
      let n: number;
      try {
        n = readSync(fd, current, used, current.length - used, null);
      } catch (error) {
        // A non-blocking pipe with nothing yet: wait a little, as a blocking read would.
        if ((error as { code?: string }).code === "EAGAIN") {
          Atomics.wait(sleeper, 0, 0, 10);
          continue;
        }
        throw error;
      }
      if (n === 0) break;
      used += n;
      total += n;
      if (total > maxBytes) throw new FileTooLargeError(maxBytes);
    }
    chunks.push(current.subarray(0, used));
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    if (typeof file !== "number") closeSync(fd);
  }
}
