/**
 * Rounds away binary floating-point noise (e.g. `1 - 0.999`) to 12 significant
 * digits, so figures such as 43.2 budget minutes come out exactly.
 */
export function roundNoise(value: number): number {
  return Number(value.toPrecision(12));
}
