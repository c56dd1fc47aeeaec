// How the shell decides stdout's layout: colour from the stream and NO_COLOR / FORCE_COLOR / TERM, width
// from the terminal (else COLUMNS, else 80), none for a pipe.
import { describe, expect, it } from "vitest";
import { colorWanted, columnsFor, terminalOptions } from "../../src/cli/terminal.js";
import { MIN_COLUMNS } from "../../src/report/terminal.js";

describe("colorWanted", () => {
  it("colours a terminal, never a pipe, unless told otherwise", () => {
    expect(colorWanted(true, {})).toBe(true);
    expect(colorWanted(false, {})).toBe(false);
    expect(colorWanted(true, { TERM: "dumb" })).toBe(false);
  });

  it("honours NO_COLOR when it is not empty", () => {
    expect(colorWanted(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorWanted(true, { NO_COLOR: "" })).toBe(true);
  });

  it("lets FORCE_COLOR decide, even into a pipe and over NO_COLOR, as Node does", () => {
    for (const on of ["", "1", "2", "3", "true"]) {
      expect(colorWanted(false, { FORCE_COLOR: on }), on).toBe(true);
      expect(colorWanted(true, { FORCE_COLOR: on, NO_COLOR: "1" }), on).toBe(true);
    }
    for (const off of ["0", "false"]) expect(colorWanted(true, { FORCE_COLOR: off }), off).toBe(false);
  });
});

describe("columnsFor", () => {
  it("is unlimited for a pipe, whatever COLUMNS says", () => {
    expect(columnsFor(false, undefined, { COLUMNS: "80" })).toBeUndefined();
  });

  it("takes the terminal's width, else COLUMNS, else 80", () => {
    expect(columnsFor(true, 132, { COLUMNS: "80" })).toBe(132);
    expect(columnsFor(true, 0, { COLUMNS: "100" })).toBe(100);
    expect(columnsFor(true, undefined, { COLUMNS: "wide" })).toBe(80);
    expect(columnsFor(true, undefined, {})).toBe(80);
  });

  it("lays a terminal narrower than MIN_COLUMNS out at MIN_COLUMNS (1 column threw a RangeError)", () => {
    expect(columnsFor(true, 1, {})).toBe(MIN_COLUMNS);
    expect(columnsFor(true, undefined, { COLUMNS: "3" })).toBe(MIN_COLUMNS);
    expect(columnsFor(true, MIN_COLUMNS + 1, {})).toBe(MIN_COLUMNS + 1);
  });

  it("gives both as the core's plain options", () => {
    expect(terminalOptions(true, 90, {})).toEqual({ columns: 90, color: true });
    expect(terminalOptions(false, undefined, {})).toEqual({ color: false });
  });
});
