// Reading the objects of a site export as PowerShell (ConvertTo-Json) or the AdminService print them:
// property names without regard to case, extra properties ignored, numbers that may arrive as strings.
import { isRecord } from "../isRecord.js";

/** One WMI object of the export (a row of `siteRoles`, `boundaries`, …). */
export type ExportRow = Readonly<Record<string, unknown>>;

/** An embedded property of a site control item: `{ PropertyName, Value, Value1, Value2 }`. */
export interface EmbeddedProperty {
  readonly value: number | undefined;
  readonly value1: string | undefined;
  readonly value2: string | undefined;
}

/** Whether `value` is a plain object (not an array, not null). */
export function isRow(value: unknown): value is ExportRow {
  return isRecord(value);
}

/** The property `name` of `row`, matched without regard to case; an exact match wins. */
export function field(row: ExportRow, name: string): unknown {
  if (Object.hasOwn(row, name)) return row[name];
  const lower = name.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : row[key];
}

/** A number, or a string of decimal digits (PowerShell and older scripts print some numbers as text). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A string, or undefined for anything else. */
export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * The array a key of the export holds: a plain array, or the AdminService envelope `{ "value": [...] }`.
 * @returns the rows; `undefined` when the key is absent; `null` when it holds something else
 */
export function rowsAt(data: ExportRow, key: string): readonly unknown[] | undefined | null {
  const value = field(data, key);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value as unknown[];
  if (isRow(value)) {
    const inner = field(value, "value");
    if (Array.isArray(inner)) return inner as unknown[];
  }
  return null;
}

/**
 * The embedded properties of a site control item by PropertyName (matched exactly, as the provider does).
 * PowerShell 5.1 prints a one-element array as the element itself, so a lone object counts as one property.
 * @returns undefined when the row has no `Props`
 */
export function embeddedProperties(row: ExportRow): ReadonlyMap<string, EmbeddedProperty> | undefined {
  const props = field(row, "Props");
  if (props === undefined || props === null) return undefined;
  const list: readonly unknown[] = Array.isArray(props) ? props : [props];
  const map = new Map<string, EmbeddedProperty>();
  for (const item of list) {
    if (!isRow(item)) continue;
    const name = asString(field(item, "PropertyName"));
    if (name === undefined || map.has(name)) continue;
    map.set(name, {
      value: asNumber(field(item, "Value")),
      value1: asString(field(item, "Value1")),
      value2: asString(field(item, "Value2")),
    });
  }
  return map;
}

/** The first non-empty of Value1 and Value2 (scripts disagree on which one the provider fills). */
export function embeddedText(property: EmbeddedProperty | undefined): string | undefined {
  const text = [property?.value1, property?.value2].find((v) => v !== undefined && v.trim() !== "");
  return text?.trim();
}

/**
 * The server FQDN of a NAL path or network path, lower-cased: `Display=\\FQDN\` when present, else what
 * follows the last `\\` (`["Display=\\dp01.contoso.com\"]MSWNET:["SMS_SITE=PS1"]\\dp01.contoso.com\`).
 * @returns undefined when no name can be read
 */
export function serverFromPath(path: string): string | undefined {
  const display = /Display=\\\\([^\\"\]]+)/i.exec(path);
  const raw = display?.[1] ?? path.replace(/\\+$/, "").split("\\\\").pop() ?? "";
  const name = raw
    .replace(/^\\+|\\+$/g, "")
    .trim()
    .toLowerCase();
  return name === "" || /[\\"[\]\s]/.test(name) ? undefined : name;
}
