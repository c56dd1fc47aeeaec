// Random times of the scenario (a replica's apply delay; later, service times): a constant, or a draw from
// an exponential or a lognormal with a given mean. The one place their means and their draws are written.
import type { Rng } from "../random.js";
import type { TimeDistribution } from "../scenario/schema.js";

/** The mean of a random time (seconds). */
export function meanOf(d: TimeDistribution): number {
  return typeof d === "number" ? d : d.mean;
}

/** Whether every draw is the mean (a constant takes nothing from its stream). */
export function isConstant(d: TimeDistribution): boolean {
  return typeof d === "number" || d.distribution === "constant";
}

/**
 * One draw (seconds). A constant draws nothing; an exponential takes one value of `rng` (inversion); a
 * lognormal with mean m and coefficient of variation c takes two (Box–Muller): σ² = ln(1 + c²),
 * μ = ln m − σ²/2, so that its mean is m.
 */
export function drawTime(d: TimeDistribution, rng: Rng): number {
  if (typeof d === "number") return d;
  switch (d.distribution) {
    case "constant":
      return d.mean;
    case "exponential":
      return exponentialDraw(d.mean, rng());
    case "lognormal": {
      const cv = d.cv ?? 0;
      const sigma2 = Math.log1p(cv * cv);
      const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      return Math.exp(Math.log(d.mean) - sigma2 / 2 + Math.sqrt(sigma2) * z);
    }
  }
}

/** An exponential time with mean `mean` from one uniform `u` in [0, 1) (inversion). */
export function exponentialDraw(mean: number, u: number): number {
  return -mean * Math.log(1 - u);
}
