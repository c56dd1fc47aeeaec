// A run's seeds as a heading names them: "seed 7", or "seeds 7…16" for consecutive ones.

/** The seeds of a sweep or a comparison (consecutive: the first and the last name them all). */
export function seedsText(seeds: readonly number[]): string {
  return seeds.length === 1
    ? `seed ${seeds[0] ?? 0}`
    : `seeds ${seeds[0] ?? 0}…${seeds[seeds.length - 1] ?? 0}`;
}
