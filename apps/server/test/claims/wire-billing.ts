// Shared by the COB and DAW/420-DK wire tests: a B1's Claim + Pricing written from the D.0 layouts, with
// submitted amounts above any contracted price (so the contract decides), and the paid amounts read back.
import { fieldOf, segment, type WireResponse } from './wire-d0';
import { money } from './wire-segments';
import { claimSegment } from './wire-world';

/** A pricing segment whose submitted amounts are above any contracted price (so the contract decides). */
export const pricing = segment('11', `D9${money(300_000)}`, `DC${money(200)}`, `DQ${money(900_000)}`, 'DN01');
export const b1 = (rx: string, ndc: string, extra: string[] = [], more: string[] = [], milli = 30_000) => [
  claimSegment({ rx, id: ndc, milli, extra }),
  pricing,
  ...more,
];
export const amount = (r: WireResponse, id: string) => fieldOf(r, 0, '23', id)[0];
export const cents = (cents: number) => money(cents).padStart(8, '0');
