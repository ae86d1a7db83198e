// Money arrives as integer cents; format it once, here, the same way everywhere.
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function formatCents(cents: number | null | undefined): string {
  if (cents == null) return '—';
  return usd.format(cents / 100);
}

export function formatQuantity(value: number | null): string {
  return value == null ? '—' : quantity.format(value);
}

/** Quantities travel in thousandths of a unit (2.5 tablets = 2500). */
export const formatUnits = (milli: number | null | undefined): string =>
  milli == null ? '—' : quantity.format(milli / 1000);

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count of people or claims: 12,345. */
export const formatCount = (value: number): string => whole.format(value);
