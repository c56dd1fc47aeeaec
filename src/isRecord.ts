// The one test for "a JSON object": not null, not an array. Files, shards, exports and schemas are read
// as unknown data and narrowed through it.

/** Whether `value` is a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
