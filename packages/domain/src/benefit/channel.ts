import { type Channel, DEFAULT_MAX_DAYS_SUPPLY } from './types';

export type PharmacyKind = 'retail' | 'home_delivery' | 'specialty';

/**
 * Benefit channel of a fill: the pharmacy kind decides mail and specialty; at retail, anything longer than the
 * 30-day channel's limit (34 days by default) is a 90-day retail fill.
 */
export function channelFor(
  pharmacyKind: PharmacyKind,
  daysSupply: number,
  retail30MaxDays: number = DEFAULT_MAX_DAYS_SUPPLY.retail_30,
): Channel {
  if (pharmacyKind === 'home_delivery') return 'home_delivery_90';
  if (pharmacyKind === 'specialty') return 'specialty';
  return daysSupply > retail30MaxDays ? 'retail_90' : 'retail_30';
}
