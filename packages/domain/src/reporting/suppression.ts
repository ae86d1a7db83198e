// Small-cell suppression for de-identified aggregate reports. A row describing fewer than `threshold` members
// (but more than none) is suppressed (primary). When the rows add up to a published total, suppressed rows are
// then joined by the smallest other rows (complementary) until at least two are suppressed and together they
// describe at least `threshold` members: the total minus the published rows then gives only the sum of several
// hidden rows, never one of them. When that is impossible the total is suppressed as well.

export const SUPPRESSION_THRESHOLD = 11;

export interface SuppressionResult {
  /** Indexes of the rows that must not be published. */
  suppressed: ReadonlySet<number>;
  /** The total must not be published either (it describes too few members, or nothing can hide a small row). */
  totalSuppressed: boolean;
}

/**
 * `members[i]` is the member count the i-th row describes; `totalMembers` the count the total row describes
 * (defaults to the sum; give the distinct count when rows overlap). Rows with 0 members are published as 0.
 */
export function suppressSmallCells(
  members: readonly number[],
  options: { threshold?: number; totalMembers?: number } = {},
): SuppressionResult {
  const threshold = options.threshold ?? SUPPRESSION_THRESHOLD;
  const totalMembers = options.totalMembers ?? members.reduce((a, b) => a + b, 0);
  const all = new Set(members.map((_, i) => i));
  if (totalMembers < threshold) return { suppressed: all, totalSuppressed: true };

  const suppressed = new Set<number>();
  members.forEach((n, i) => {
    if (n > 0 && n < threshold) suppressed.add(i);
  });
  if (suppressed.size === 0) return { suppressed, totalSuppressed: false };

  // Complements: the smallest published non-empty rows first (they give away the least).
  const candidates = members
    .map((n, i) => ({ n, i }))
    .filter(({ n, i }) => n > 0 && !suppressed.has(i))
    .sort((a, b) => a.n - b.n || a.i - b.i);
  const hiddenSum = () => [...suppressed].reduce((sum, i) => sum + (members[i] ?? 0), 0);
  while ((suppressed.size < 2 || hiddenSum() < threshold) && candidates.length > 0) {
    const next = candidates.shift();
    if (next) suppressed.add(next.i);
  }
  if (suppressed.size < 2) return { suppressed: all, totalSuppressed: true };
  return { suppressed, totalSuppressed: false };
}
