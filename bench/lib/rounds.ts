// Figures from a shared machine swing between runs, so each benchmark measures in rounds, baseline and subject
// interleaved (baseline, subject, baseline, subject, …), and reports the median of the per-round ratios with
// their spread (lowest–highest), not one lucky or unlucky run.

export const BENCH_ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

export interface Round {
  figure: number;
  baseline: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface RoundsSummary {
  /** Medians of the figures and of the baselines. */
  figure: number;
  baseline: number;
  /** Median of the per-round ratios. */
  ratio: number;
  /** "lowest–highest" per-round ratio. */
  spread: string;
  /** Every round's ratio, in order. */
  ratios: string;
}

export function summarizeRounds(rounds: Round[]): RoundsSummary {
  const ratios = rounds.map((r) => (r.baseline > 0 ? r.figure / r.baseline : Number.NaN));
  return {
    figure: median(rounds.map((r) => r.figure)),
    baseline: median(rounds.map((r) => r.baseline)),
    ratio: median(ratios),
    spread: `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
    ratios: ratios.map((r) => r.toFixed(3)).join('/'),
  };
}
