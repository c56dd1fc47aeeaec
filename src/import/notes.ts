// What an import tells besides the scenario: the facts the export could not tell (each with the scenario
// path to fill in), the rows it could not read, and what it left out.
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";

/** Why a value in the imported scenario needs the architect's attention. */
export type ImportNoteKind =
  /** read from an undocumented signal: check it in the console */
  | "to confirm"
  /** the export does not carry the fact: the console's default (or a placeholder) was written */
  | "not in the export"
  /** invented so the scenario runs (device groups, their addresses): replace with your own */
  | "placeholder";

/** One fact to fill in or confirm. */
export interface ImportNote {
  /** The scenario path, as `--set` takes it (`site.servers.mp01.contoso.com.roles.distributionPoint.connections`). */
  readonly path: string;
  /** The value written, as JSON; absent when the field was left out (a certificate). */
  readonly value?: unknown;
  readonly kind: ImportNoteKind;
  /** Why, and how to find the real value. */
  readonly why: string;
}

/** A row of the export the mapping could not read (skipped). */
export interface SkippedRow {
  /** Where in the export: `siteRoles[4]`. */
  readonly where: string;
  readonly reason: string;
}

/** Counts of what was imported and what was left out on purpose. */
export interface ImportSummary {
  readonly siteCode: string;
  readonly servers: number;
  readonly roles: number;
  readonly boundaries: number;
  readonly boundaryGroups: number;
  /** siteRoles rows of other sites (a CAS, secondaries). */
  readonly otherSiteRows: number;
  /** Servers of the site with none of the four on-prem MDM roles. */
  readonly serversWithoutMdmRoles: number;
  /** The ConfigMgr clients written; absent when neither the export nor the options name any. */
  readonly clients?: ImportClients;
}

/** The ConfigMgr client groups of an import. */
export interface ImportClients {
  /** `export`: counted by the export (`clientCounts`); `placeholder`: `--clients N`. */
  readonly source: "export" | "placeholder";
  /** Clients in all the groups. */
  readonly clients: number;
  readonly groups: number;
  /** `--clients N` was given, but the export's counts were used. */
  readonly placeholderUnused: boolean;
}

/** Collects notes and skipped rows while a mapping runs. */
export interface ImportLog {
  readonly notes: ImportNote[];
  readonly skipped: SkippedRow[];
  note(path: string, kind: ImportNoteKind, why: string, value?: unknown): void;
  skip(where: string, reason: string): void;
}

/** An empty log. */
export function importLog(): ImportLog {
  const notes: ImportNote[] = [];
  const skipped: SkippedRow[] = [];
  return {
    notes,
    skipped,
    note: (path, kind, why, value) => {
      notes.push(value === undefined ? { path, kind, why } : { path, value, kind, why });
    },
    skip: (where, reason) => {
      skipped.push({ where, reason });
    },
  };
}

/** Names given so far, and for each base the next suffix to try: 110,000 rows named "X" stay linear. */
export class TakenNames extends Set<string> {
  readonly next = new Map<string, number>();
}

/** `base`, or `base (2)`, `base (3)`… the first not in `taken` (which then holds it). */
export function uniqueName(base: string, taken: TakenNames): string {
  if (!taken.has(base)) {
    taken.add(base);
    return base;
  }
  // Every `base (j)` below the remembered suffix is taken already (names are never given back).
  let i = taken.next.get(base) ?? 2;
  while (taken.has(`${base} (${i})`)) i++;
  taken.next.set(base, i + 1);
  const name = `${base} (${i})`;
  taken.add(name);
  return name;
}

/** The document of `mdmsim import --notes FILE`: what the stderr table shows, for programs. */
export interface ImportNotesDocument {
  /** `mdmsim-import-notes/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"importNotes">;
  readonly summary: ImportSummary;
  readonly notes: readonly ImportNote[];
  readonly skipped: readonly SkippedRow[];
}

/** The notes document of an import. */
export function importNotesDocument(result: {
  readonly summary: ImportSummary;
  readonly notes: readonly ImportNote[];
  readonly skipped: readonly SkippedRow[];
}): ImportNotesDocument {
  const { summary, notes, skipped } = result;
  return { format: DOCUMENT_FORMATS.importNotes, summary, notes, skipped };
}
