// Student's t quantiles for confidence intervals, from the regularized incomplete beta function:
// P(|T| > t) = I_x(ν/2, 1/2) with x = ν/(ν + t²). Solved for t by bisection, which needs only a monotone
// tail and always converges; no tables, so any ν works (fractional too).
import { logGamma } from "../logGamma.js";

const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_ITERATIONS = 100_000;

// The continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes, betacf); converges
// fast for x < (a + 1)/(a + b + 2), which the caller guarantees through the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  // Not reached for the arguments this module uses (a, b > 0, x on the fast side); fail loudly if it is.
  throw new Error(`incomplete beta: no convergence for a=${a}, b=${b}, x=${x}`);
}

// Stirling's series remainder of ln Γ(x) beyond (x − ½) ln x − x + ½ ln 2π; the next term is below 1e-17 for x ≥ 100.
function stirlingRemainder(x: number): number {
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x;
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). For a large argument the two big ln Γ terms cancel to a
 * few digits, so their difference is taken from Stirling's series with log1p instead.
 */
export function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 100) return logGamma(a) + logGamma(b) - logGamma(a + b);
  // ln Γ(big) − ln Γ(big + small), from the series of both terms, without forming either.
  const difference =
    -small * Math.log(big) -
    (big + small - 0.5) * Math.log1p(small / big) +
    small +
    stirlingRemainder(big) -
    stirlingRemainder(big + small);
  return logGamma(small) + difference;
}

/**
 * The regularized incomplete beta function I_x(a, b).
 * @param x - in [0, 1]
 * @param a - > 0
 * @param b - > 0
 * @param oneMinusX - 1 − x when the caller knows it more precisely than `1 - x` (x close to 1)
 */
export function incompleteBeta(x: number, a: number, b: number, oneMinusX: number = 1 - x): number {
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  // ln x and ln(1 − x) through log1p on the side close to 1, where x itself has lost the digits.
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-oneMinusX);
  const logOneMinusX = oneMinusX < 0.5 ? Math.log(oneMinusX) : Math.log1p(-x);
  // x^a (1−x)^b / B(a, b) in logs, so large a or b cannot overflow.
  const front = Math.exp(a * logX + b * logOneMinusX - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, oneMinusX)) / b;
}

/** P(T > t) for Student's t with `df` degrees of freedom and t ≥ 0. */
export function studentTUpperTail(t: number, df: number): number {
  if (t <= 0) return 0.5;
  const t2 = t * t;
  // x = ν/(ν + t²) and 1 − x = t²/(ν + t²) computed separately: for large ν, 1 − x would cancel.
  return 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

// Above this many degrees of freedom the quantile comes from its expansion in 1/ν (below).
const LARGE_DF = 1e6;

// The first terms of t_p(ν) = z + g1(z)/ν + g2(z)/ν² + … (Abramowitz & Stegun 26.7.5).
const g1 = (z: number): number => (z ** 3 + z) / 4;
const g2 = (z: number): number => (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;

// Solves P(T > t) = tail by bisection; exact up to LARGE_DF degrees of freedom.
function bisectQuantile(tail: number, df: number): number {
  // Bracket: the upper tail falls from 0.5 at t = 0; double until it is below the target.
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
  }
  // Bisection to the last bit: about 60 halvings, each one incomplete beta evaluation.
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (studentTUpperTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The p-quantile of Student's t distribution (p in (0.5, 1)): the t with P(T ≤ t) = p.
 * Exact (to about 1e-12) by the incomplete beta function up to 10⁶ degrees of freedom. Beyond, the
 * continued fraction converges too slowly, and the expansion t = z + g1(z)/ν + g2(z)/ν² is used instead,
 * its z recovered from the exact quantile at ν = 10⁶ (the omitted terms are below 1e-17 there).
 * @param df - degrees of freedom, > 0 (need not be an integer)
 * @throws RangeError for df ≤ 0 or p outside (0.5, 1)
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (!(p > 0.5 && p < 1)) throw new RangeError(`p must be in (0.5, 1), got ${p}`);
  if (df <= LARGE_DF) return bisectQuantile(1 - p, df);
  const anchor = bisectQuantile(1 - p, LARGE_DF);
  // Fixed point z = anchor − g1(z)/ν₀ − g2(z)/ν₀²: g1/ν₀ is about 1e-6, so three rounds reach the last bit.
  let z = anchor;
  for (let i = 0; i < 3; i++) z = anchor - g1(z) / LARGE_DF - g2(z) / LARGE_DF ** 2;
  return z + g1(z) / df + g2(z) / df ** 2;
}

const T975 = new Map<number, number>();

/**
 * The two-sided 95% critical value of Student's t: the 97.5% quantile, memoized per `df`
 * (a sweep asks for the same few values many times).
 * @param df - degrees of freedom (runs − 1), ≥ 1 in practice
 */
export function tCritical95(df: number): number {
  let t = T975.get(df);
  if (t === undefined) {
    t = studentTQuantile(0.975, df);
    T975.set(df, t);
  }
  return t;
}

/**
 * P(Z > z) for the standard normal distribution, z ≥ 0, from the series
 * Φ(z) = ½ + φ(z)·(z + z³/3 + z⁵/(3·5) + …), whose terms are all positive (no cancellation); accurate to
 * about 1e-15 up to z = 8, which is far past any tail the intervals ask for.
 */
export function normalUpperTail(z: number): number {
  if (!(z >= 0)) throw new RangeError(`z must be >= 0, got ${z}`);
  if (z > 8) return 0;
  let term = z;
  let sum = z;
  for (let k = 1; k < 500 && term > sum * 1e-17; k++) {
    term *= (z * z) / (2 * k + 1);
    sum += term;
  }
  const density = Math.exp(-0.5 * z * z - 0.5 * Math.log(2 * Math.PI));
  return 0.5 - density * sum;
}
