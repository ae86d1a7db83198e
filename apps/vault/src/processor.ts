// The card processor the vault's charge endpoint calls (the card number never leaves the vault). OpenPBM has no
// acquiring bank: this is a deterministic stand-in with the behaviour the rest of the system needs (approve,
// decline, expired card), in the place a real gateway client would go; a real one gets the idempotency key too. Card test numbers follow the common gateway convention:
// 4000000000000002 is declined, 4000000000009995 has insufficient funds; every other valid, unexpired card is approved.
import { randomBytes } from 'node:crypto';
import { isCardExpired, luhnValid } from '@openpbm/domain';

export interface ChargeRequest {
  cardNumber: string;
  expMonth: number;
  expYear: number;
  amountCents: number;
  /** The order being paid (appears on the processor's records, never the card number in ours). */
  reference: string;
  /** 'YYYY-MM-DD' today, for the expiry check. */
  today: string;
  /** The charge's idempotency key: a gateway answers a resent key with the first answer. */
  idempotencyKey: string;
}

export type ChargeResult = { approved: true; reference: string } | { approved: false; declineCode: string };

export interface CardProcessor {
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

const DECLINES: Record<string, string> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
};

export const simulatedProcessor: CardProcessor = {
  async charge(request) {
    if (!luhnValid(request.cardNumber)) return { approved: false, declineCode: 'invalid_number' };
    if (isCardExpired(request.expMonth, request.expYear, request.today))
      return { approved: false, declineCode: 'expired_card' };
    const decline = DECLINES[request.cardNumber];
    if (decline) return { approved: false, declineCode: decline };
    return { approved: true, reference: `sim_${randomBytes(9).toString('base64url')}` };
  },
};
