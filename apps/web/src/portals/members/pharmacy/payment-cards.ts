// The member's saved cards as the checkout, order and automatic-refill forms offer them: unexpired ones, the
// default (or else the first) chosen once they have loaded.
import type { PaymentMethodsResponse } from '@openpbm/shared/payments';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { getJson } from '../../../components/api/client';

export function usePaymentCards() {
  const cards = useQuery({
    queryKey: ['pharmacy', 'payment-methods'],
    queryFn: () => getJson<PaymentMethodsResponse>('/api/payment-methods'),
  });
  const usable = (cards.data?.paymentMethods ?? []).filter((c) => !c.expired);
  const defaultCard = usable.find((c) => c.isDefault)?.id ?? usable[0]?.id ?? null;
  return { cards, usable, defaultCard };
}

/** Pre-selects the default card in a form's `paymentMethodId` field once the cards are known. */
export function useDefaultCard(form: UseFormReturn<never, unknown, unknown>, defaultCard: string | null) {
  const typed = form as unknown as UseFormReturn<{ paymentMethodId: string | null }>;
  useEffect(() => {
    if (defaultCard && !typed.getValues('paymentMethodId')) typed.setValue('paymentMethodId', defaultCard);
  }, [defaultCard, typed]);
}
