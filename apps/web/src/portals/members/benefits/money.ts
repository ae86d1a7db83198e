// Money arrives as integer cents; format it once, here, the same way everywhere.
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(cents: number | null | undefined): string {
  if (cents == null) return '—';
  return usd.format(cents / 100);
}

/** "2026-03-10" → "Mar 10, 2026" without time-zone shifts (the date is already the member's calendar date). */
export function formatDate(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

export function formatQuantity(quantity: number | null): string {
  if (quantity == null) return '—';
  return quantity.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
