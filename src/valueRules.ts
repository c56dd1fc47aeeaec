// The plain tests of an argument's kind and how a value reads in "expected X, got Y": shared by the errors'
// constructors, the scenario's value types and the library's argument rules, which all say it alike. A leaf
// (isRecord aside), so errors.ts can use it without importing the rules that import errors.ts.
import { isRecord } from "./isRecord.js";

/** How a value is shown inside an error message: JSON where possible, with its type otherwise. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  return "an object";
}

/** How a caller's argument is shown: as `showValue` does, a function named as one. */
export const shown = (value: unknown): string =>
  typeof value === "function" ? "a function" : showValue(value);

export const isString = (v: unknown): v is string => typeof v === "string";

/** A list each element of which passes `test` (a loop, not a spread: lists may be long). */
export const isListOf =
  (test: (v: unknown) => boolean) =>
  (v: unknown): boolean => {
    if (!Array.isArray(v)) return false;
    const list: unknown[] = v;
    for (const element of list) if (!test(element)) return false;
    return true;
  };

/** An object with the fields of `fields`, each passing its test (missing fields are undefined). */
export const hasFields = (fields: Readonly<Record<string, (v: unknown) => boolean>>) => {
  // Listed once, not per value tested: a list of records is tested record by record.
  const tests = Object.entries(fields);
  return (v: unknown): boolean =>
    isRecord(v) && tests.every(([key, test]) => test(Object.hasOwn(v, key) ? v[key] : undefined));
};
