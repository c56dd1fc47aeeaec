// The library's refusals, caught for a test to read.
import { expect } from "vitest";
import { UsageError } from "../../src/errors.js";

/** The UsageError `work` throws (fails the test when it throws nothing or something else). */
export function usageError(work: () => unknown): UsageError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a UsageError");
}
