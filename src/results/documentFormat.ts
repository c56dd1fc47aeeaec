// The format of every JSON document mdmsim prints or writes, in one table: each document's builder puts
// its entry first (`"format": "mdmsim-run/1"`), so a tool that reads one can tell what it holds and which
// version. The major number changes only when a field is removed or changes meaning; new fields keep it.

/** Document → its `format` value (`mdmsim-<document>/<major>`). */
export const DOCUMENT_FORMATS = {
  run: "mdmsim-run/1",
  check: "mdmsim-check/1",
  reach: "mdmsim-reach/1",
  sweep: "mdmsim-sweep/1",
  /** What `sweep --list` would run (the plan, no numbers). */
  sweepPlan: "mdmsim-sweep-plan/1",
  /** One slice of a sweep (`sweep --shard I/N`), read back by `merge`. */
  sweepShard: "mdmsim-sweep-shard/1",
  compare: "mdmsim-compare/1",
  probe: "mdmsim-probe/1",
  importNotes: "mdmsim-import-notes/1",
  scenarios: "mdmsim-scenarios/1",
} as const;

/** A document's name in the table. */
export type DocumentName = keyof typeof DOCUMENT_FORMATS;

/** The `format` value of a document. */
export type DocumentFormat<D extends DocumentName> = (typeof DOCUMENT_FORMATS)[D];

/** Where each document comes from, for the documentation's table of formats. */
export const DOCUMENT_SOURCES: Readonly<Record<DocumentName, string>> = {
  run: "`run --format json`; the library's `simulate`",
  check: "`check --format json`",
  reach: "`reach --format json`; the library's `reachability`",
  sweep: "`sweep --format json`, `merge --format json`; the library's `runSweep`",
  sweepPlan: "`sweep --list --format json`: the variants and expectations that would run",
  sweepShard: "`sweep --shard I/N`: one slice of a sweep, for `merge`",
  compare: "`compare --format json`; the library's `runCompare`",
  probe: "`probe --format json`",
  importNotes: "`import --notes FILE`: what the export could not tell (the table `import` prints on stderr)",
  scenarios: "`scenarios --format json`: the bundled scenarios",
};
