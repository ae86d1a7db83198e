// Shipping rules with no I/O: carriers and their tracking numbers, tracking links, and delivery estimates in
// business days (weekends skipped; US federal holidays are not modelled).
import { addDays, type LocalDate, parseLocalDate } from '../time/local-date';

export type Carrier = 'UPS' | 'USPS' | 'FedEx';
export const CARRIERS: readonly Carrier[] = ['UPS', 'USPS', 'FedEx'];
export type ShippingSpeed = 'standard' | 'expedited';

const TRACKING_PATTERNS: Record<Carrier, RegExp> = {
  UPS: /^1Z[0-9A-Z]{16}$/,
  USPS: /^(9[1-5]\d{18,20}|[A-Z]{2}\d{9}US)$/,
  FedEx: /^(\d{12}|\d{15}|\d{20})$/,
};

export const normalizeTrackingNumber = (value: string): string => value.replace(/\s+/g, '').toUpperCase();

export function isValidTrackingNumber(carrier: Carrier, trackingNumber: string): boolean {
  return TRACKING_PATTERNS[carrier].test(normalizeTrackingNumber(trackingNumber));
}

/** The carrier's public tracking page for a number. */
export function trackingUrl(carrier: Carrier, trackingNumber: string): string {
  const n = encodeURIComponent(normalizeTrackingNumber(trackingNumber));
  switch (carrier) {
    case 'UPS':
      return `https://www.ups.com/track?tracknum=${n}`;
    case 'USPS':
      return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`;
    case 'FedEx':
      return `https://www.fedex.com/fedextrack/?trknbr=${n}`;
  }
}

function isWeekend(date: LocalDate): boolean {
  const { year, month, day } = parseLocalDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The date `days` business days after `from` (Monday-Friday). */
export function addBusinessDays(from: LocalDate, days: number): LocalDate {
  let date = from;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (!isWeekend(date)) left -= 1;
  }
  return date;
}

/** Pharmacy work (verify, fill) before an order ships, then carrier transit. */
export const PROCESSING_BUSINESS_DAYS = 2;
export const TRANSIT_BUSINESS_DAYS: Record<ShippingSpeed, number> = { standard: 3, expedited: 1 };

/** When an order placed (or shipped) on `date` should arrive. */
export function estimateDelivery(date: LocalDate, speed: ShippingSpeed, alreadyShipped: boolean): LocalDate {
  const processing = alreadyShipped ? 0 : speed === 'expedited' ? 1 : PROCESSING_BUSINESS_DAYS;
  return addBusinessDays(date, processing + TRANSIT_BUSINESS_DAYS[speed]);
}
