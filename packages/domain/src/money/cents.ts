/**
 * Integer money helpers. Every amount in the domain is an integer number of US cents; fractions only exist
 * inside a calculation (as BigInt numerators) and are rounded exactly once, half-up, at the end.
 */

/** Throws unless `value` is a non-negative safe integer (cents, counts, basis points, thousandths). */
export function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * numerator / denominator rounded half-up (0.5 goes away from zero) for non-negative operands.
 * BigInt keeps price × quantity × discount exact even past 2^53.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator < 0n) throw new RangeError('numerator must be non-negative');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return remainder * 2n >= denominator ? quotient + 1n : quotient;
}

/** Converts an exact BigInt cent amount back to a number, refusing values a JS number cannot hold exactly. */
export function toSafeCents(value: bigint, name: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${name} is too large`);
  return Number(value);
}

/** `amountCents × basisPoints / 10 000`, rounded half-up (coinsurance, percentages). */
export function percentOfCents(amountCents: number, basisPoints: number): number {
  assertNonNegativeInteger(amountCents, 'amountCents');
  assertNonNegativeInteger(basisPoints, 'basisPoints');
  return toSafeCents(
    divideRoundHalfUp(BigInt(amountCents) * BigInt(basisPoints), 10_000n),
    'percentage amount',
  );
}

/** "$1,234.50" for EOB text; negative amounts never occur in this domain. */
export function formatUsd(cents: number): string {
  const dollars = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `$${dollars.toLocaleString('en-US')}.${String(rest).padStart(2, '0')}`;
}
