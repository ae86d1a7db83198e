// API contracts for payment cards on file. The card number is accepted once (POST) and goes straight to the card
// vault; nothing returned here can be turned back into it.
import { z } from 'zod';

export const cardBrand = z.enum(['visa', 'mastercard', 'amex', 'discover', 'other']);
export type CardBrandValue = z.infer<typeof cardBrand>;

export const CARD_BRAND_LABELS: Record<CardBrandValue, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  other: 'Card',
};

export const addPaymentMethodRequest = z.object({
  /** Digits, spaces or dashes; 13-19 digits. */
  cardNumber: z
    .string()
    .trim()
    .regex(/^[0-9 -]{13,23}$/, 'Enter the 13 to 19 digits on the front of the card'),
  expMonth: z.number().int().min(1, 'Enter a month from 1 to 12').max(12, 'Enter a month from 1 to 12'),
  expYear: z.number().int().min(2000, 'Enter the 4-digit year').max(2199, 'Enter the 4-digit year'),
  makeDefault: z.boolean().optional(),
});
export type AddPaymentMethodRequest = z.infer<typeof addPaymentMethodRequest>;

export const paymentMethod = z.object({
  id: z.uuid(),
  brand: cardBrand,
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  isDefault: z.boolean(),
  /** Past its expiry month on today's date. */
  expired: z.boolean(),
});
export type PaymentMethodView = z.infer<typeof paymentMethod>;

/** The answer to adding a card: the card on file, and whether it was there already (same number). */
export const addedPaymentMethod = paymentMethod.extend({ alreadyOnFile: z.boolean() });
export type AddedPaymentMethod = z.infer<typeof addedPaymentMethod>;

export const paymentMethodsResponse = z.object({ paymentMethods: z.array(paymentMethod) });
export type PaymentMethodsResponse = z.infer<typeof paymentMethodsResponse>;

export const cardLabel = (m: Pick<PaymentMethodView, 'brand' | 'last4' | 'expMonth' | 'expYear'>): string =>
  `${CARD_BRAND_LABELS[m.brand]} ending in ${m.last4}, expires ${String(m.expMonth).padStart(2, '0')}/${m.expYear}`;
