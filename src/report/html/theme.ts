// The charts' look, shared by every spec, and the CSS that recolours them for dark mode.
//
// An SVG drawn once must read on a light page, a dark page and paper. Text, axes and grid use
// `currentColor` (they follow the page's text colour). Series colours cannot: vega writes literal
// `fill`/`stroke` attributes. So each series colour is a fixed "key" colour (the light-mode colour, which
// is also what a viewer without CSS sees), and the page's CSS maps `[stroke="KEY"]` to a CSS variable whose
// value changes with `prefers-color-scheme` and `@media print`. CSS properties beat presentation
// attributes, so this works in every browser without scripts.
import type { Config } from "vega-lite";

/** One chart colour: the key written into the SVG (light mode) and its dark-mode counterpart. */
export interface ThemeColor {
  /** CSS variable that carries the colour. */
  readonly name: string;
  /** The colour vega writes (lowercase #rrggbb), readable on white and on paper. */
  readonly light: string;
  /** The colour shown under `prefers-color-scheme: dark`. */
  readonly dark: string;
}

/** Tries (all of them): the first series colour, so every chart of tries looks the same. */
export const TRIES_COLOR: ThemeColor = { name: "--chart-1", light: "#0072b2", dark: "#5cb8ee" };

/** Failed tries: the second series colour. */
export const FAILED_COLOR: ThemeColor = { name: "--chart-2", light: "#d55e00", dark: "#ff9a57" };

// Okabe–Ito based (distinguishable with the common colour-vision deficiencies), lightened for dark mode.
/** Series colours in the order categorical scales use them. */
export const SERIES: readonly ThemeColor[] = [
  TRIES_COLOR,
  FAILED_COLOR,
  { name: "--chart-3", light: "#009e73", dark: "#3fd1a6" },
  { name: "--chart-4", light: "#cc79a7", dark: "#eba3cb" },
  { name: "--chart-5", light: "#b07d00", dark: "#f2c447" },
  { name: "--chart-6", light: "#6a3d9a", dark: "#b9a1e0" },
  { name: "--chart-7", light: "#8c564b", dark: "#d1a59b" },
  { name: "--chart-8", light: "#5f6b73", dark: "#aab6be" },
];

/** Outage areas and the certificate's validity edges. */
export const OUTAGE_COLOR: ThemeColor = { name: "--chart-outage", light: "#c0392b", dark: "#ff7b72" };

/** The page's background, for strokes that cut a line (the key is near-white, so no other colour shares it). */
export const BACKGROUND_COLOR: ThemeColor = { name: "--chart-bg", light: "#fefefe", dark: "#15191d" };

/** Every colour the page's CSS remaps. */
export const THEME_COLORS: readonly ThemeColor[] = [...SERIES, OUTAGE_COLOR, BACKGROUND_COLOR];

/** Plot area width of every chart, in pixels (the page is about 900 px wide). */
export const CHART_WIDTH = 640;

/** Plot area height of a full-size chart. */
export const CHART_HEIGHT = 240;

/** The vega-lite config of every chart. */
export function chartConfig(): Config {
  const ink = "currentColor";
  return {
    // Transparent: the page's background shows through in light and dark mode alike.
    background: "transparent",
    font: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    padding: 4,
    view: { stroke: null },
    axis: {
      labelColor: ink,
      titleColor: ink,
      domainColor: ink,
      tickColor: ink,
      gridColor: ink,
      gridOpacity: 0.14,
      domainOpacity: 0.55,
      tickOpacity: 0.55,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
    },
    legend: {
      labelColor: ink,
      titleColor: ink,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      orient: "top",
      direction: "horizontal",
    },
    title: { color: ink, subtitleColor: ink },
    text: { fill: ink },
    mark: { color: TRIES_COLOR.light },
    range: { category: SERIES.map((c) => c.light) },
  };
}

/**
 * The CSS that gives chart colours their CSS variables: the light values by default and in print, the dark
 * ones under `prefers-color-scheme: dark`.
 * @param scope - the selector of chart containers (`.chart`)
 */
export function chartColorCss(scope: string): string {
  const declare = (which: "light" | "dark") => THEME_COLORS.map((c) => `${c.name}:${c[which]};`).join("");
  const remap = THEME_COLORS.map(
    (c) =>
      `${scope} [fill="${c.light}"]{fill:var(${c.name})}${scope} [stroke="${c.light}"]{stroke:var(${c.name})}`,
  ).join("\n");
  return [
    `:root{${declare("light")}}`,
    `@media (prefers-color-scheme: dark){:root{${declare("dark")}}}`,
    `@media print{:root{${declare("light")}}}`,
    remap,
  ].join("\n");
}
