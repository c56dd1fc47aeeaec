// How a finite server is named in tables and on the pages: its role in words, or which database it is.
import type { StationKind } from "../model/load/stationTally.js";
import { ROLE_LABEL } from "../model/roleLabel.js";

/** What a finite server is: a role in words, "site database" or "replica database". */
export function stationRole(kind: StationKind, name: string): string {
  if (kind !== "database") return ROLE_LABEL[kind];
  return name === "site" ? "site database" : "replica database";
}

/** A finite server in a title: "cm01.corp.contoso.com (management point)", "site database", "replica1 (replica database)". */
export function stationLabel(kind: StationKind, name: string): string {
  return kind === "database" && name === "site" ? "site database" : `${name} (${stationRole(kind, name)})`;
}
