// "Did you mean": the known name nearest to a misspelt one, when it is near enough to be the likely intent.
import { distance } from "fastest-levenshtein";

/**
 * The candidate nearest to `word` by edit distance (ties: the earlier candidate), or undefined when none is
 * close: at most one edit for words up to 4 characters, else at most a third of the word (at least 2).
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = word.length <= 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    // Case alone is the likeliest slip: `Devices` → `devices`.
    const d = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * `nearest`, else the one candidate that starts with `word` (a field's name cut short: `allowMobileDevices`
 * for `allowMobileDevicesAndMacs`), for words of 6 characters or more.
 */
export function nearestOrLonger(word: string, candidates: readonly string[]): string | undefined {
  const near = nearest(word, candidates);
  if (near !== undefined || word.length < 6) return near;
  const lower = word.toLowerCase();
  const longer = candidates.filter((c) => c.length > word.length && c.toLowerCase().startsWith(lower));
  return longer.length === 1 ? longer[0] : undefined;
}
