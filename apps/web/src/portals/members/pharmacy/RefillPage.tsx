import { Alert } from '@cmsgov/design-system';
import { cardLabel } from '@openpbm/shared/payments';
import {
  type OrderDetail,
  type OrderQuoteResponse,
  type ShippingAddress,
  shippingAddress,
  shippingSpeed,
} from '@openpbm/shared/pharmacy';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { newIdempotencyKey, postIdempotent, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate } from '../../../components/format/dates';
import { formatCents } from '../../../components/format/money';
import { ItemLine } from './ItemLine';
import { useDefaultCard, usePaymentCards } from './payment-cards';
import '../../../styles/pharmacy.css';

const ADDRESS_LABELS = {
  line1: 'Street address',
  line2: 'Apartment, suite (optional)',
  city: 'City',
  state: 'State (2 letters)',
  zip: 'ZIP code',
} as const;
const EMPTY_ADDRESS = { line1: '', line2: '', city: '', state: '', zip: '' };

// The address on file, or another one checked by the shared address rules (an empty second line is "none").
const otherAddress = shippingAddress.extend({
  line2: z.string().transform((v) => v.trim() || undefined),
});
const checkoutForm = z.intersection(
  z.object({ shippingSpeed, paymentMethodId: z.string().nullable() }),
  z.discriminatedUnion('addressChoice', [
    z.object({ addressChoice: z.literal('file') }),
    z.object({ addressChoice: z.literal('other'), shippingAddress: otherAddress }),
  ]),
);
type CheckoutForm = z.input<typeof checkoutForm>;

function addressText(a: ShippingAddress): string {
  return [a.line1, a.line2, `${a.city}, ${a.state} ${a.zip}`].filter(Boolean).join(', ');
}

function Checkout({
  prescriptionIds,
  initialSpeed,
}: {
  prescriptionIds: string[];
  initialSpeed?: 'standard' | 'expedited';
}) {
  const quote = useQuery({
    queryKey: ['pharmacy', 'quote', prescriptionIds],
    queryFn: () => postJson<OrderQuoteResponse>('/api/orders/quote', { prescriptionIds }),
    retry: false,
  });
  return (
    <QueryBoundary
      query={quote}
      what="your refill"
      errorHeading="These refills cannot be ordered"
      errorAction={
        <p>
          <Link to="/members/prescriptions">Back to prescriptions</Link>
        </p>
      }
    >
      {(q) => <CheckoutForm q={q} prescriptionIds={prescriptionIds} initialSpeed={initialSpeed} />}
    </QueryBoundary>
  );
}

function CheckoutForm({
  q,
  prescriptionIds,
  initialSpeed,
}: {
  q: OrderQuoteResponse;
  prescriptionIds: string[];
  initialSpeed?: 'standard' | 'expedited';
}) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { usable: usableCards, defaultCard } = usePaymentCards();
  // One key per checkout: a retried click after a network error cannot create a second order.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useZodForm(checkoutForm, {
    defaultValues: {
      addressChoice: 'file',
      shippingAddress: EMPTY_ADDRESS,
      shippingSpeed: initialSpeed ?? 'standard',
      paymentMethodId: null,
    } as CheckoutForm,
  });
  const addressChoice = form.watch('addressChoice');
  useDefaultCard(form as never, defaultCard);

  async function place(values: z.output<typeof checkoutForm>) {
    const order = await postIdempotent<OrderDetail>(
      '/api/orders',
      {
        prescriptionIds,
        shippingSpeed: values.shippingSpeed,
        ...(values.addressChoice === 'other' ? { shippingAddress: values.shippingAddress } : {}),
        ...(values.paymentMethodId ? { paymentMethodId: values.paymentMethodId } : {}),
      },
      idempotencyKey,
    );
    // Not the quote, which is still on screen: these prescriptions are now in an open order, so quoting them
    // again would fail. It refetches on the next visit anyway.
    void client.invalidateQueries({
      queryKey: ['pharmacy'],
      predicate: (query) => query.queryKey[1] !== 'quote',
    });
    await navigate({ to: '/members/orders/$orderId', params: { orderId: order.id } });
  }

  return (
    <Form form={form} onSubmit={place} aria-label="Refill by home delivery">
      <Section heading={`Refills for ${q.memberName}`}>
        <ul className="rx-checkout-items">
          {q.items.map((item) => (
            <ItemLine key={item.prescriptionId} item={item}>
              {item.messages.map((m) => (
                <span key={m} className="rx-hint">
                  {m}
                </span>
              ))}
            </ItemLine>
          ))}
        </ul>
        <p className="rx-total">
          You pay <strong>{formatCents(q.totalMemberCostCents)}</strong>
        </p>
        <p className="rx-hint">{q.disclaimer}</p>
      </Section>

      <Section heading="Shipping">
        <ChoiceField
          name="addressChoice"
          label="Ship to"
          options={[
            { value: 'file', label: `My address on file: ${addressText(q.addressOnFile)}` },
            { value: 'other', label: 'Another address' },
          ]}
        />
        {addressChoice === 'other' ? (
          <fieldset className="rx-address">
            <legend className="ds-c-label">Shipping address</legend>
            {(['line1', 'line2', 'city', 'state', 'zip'] as const).map((field) => (
              <Field key={field} name={`shippingAddress.${field}`} label={ADDRESS_LABELS[field]} />
            ))}
          </fieldset>
        ) : null}
        <ChoiceField
          name="shippingSpeed"
          label="Delivery speed"
          options={[
            {
              value: 'standard',
              label: `Standard, free: arrives by ${formatDate(q.estimatedDelivery.standard)}`,
            },
            {
              value: 'expedited',
              label: `Expedited, free: arrives by ${formatDate(q.estimatedDelivery.expedited)}`,
            },
          ]}
        />
      </Section>

      <Section heading="Payment">
        {q.totalMemberCostCents === 0 ? (
          <p>There is nothing to pay for this order.</p>
        ) : usableCards.length === 0 ? (
          <Alert heading="Add a card to pay" headingLevel="3" variation="warn">
            <p>
              <Link to="/members/payment-methods">Add a payment card</Link>, then come back to this page.
            </p>
          </Alert>
        ) : (
          <ChoiceField
            name="paymentMethodId"
            label="Pay with"
            options={usableCards.map((c) => ({ value: c.id, label: cardLabel(c) }))}
          />
        )}
      </Section>
      <SubmitButton pending="Placing your order…">
        Place order, {formatCents(q.totalMemberCostCents)}
      </SubmitButton>
    </Form>
  );
}

export function RefillPage() {
  const search = useSearch({ from: '/members/refill' }) as { rx?: string; speed?: 'standard' | 'expedited' };
  const ids = (search.rx ?? '').split(',').filter(Boolean);
  return (
    <Page
      title="Refill by home delivery"
      eyebrow="For members"
      heading="Refill by home delivery"
      lead="Check your refills, where to send them and how to pay."
    >
      <PharmacyGate purpose="your refill">
        {ids.length === 0 ? (
          <Alert heading="No prescriptions chosen" headingLevel="2">
            <p>
              <Link to="/members/prescriptions">Choose prescriptions to refill</Link>.
            </p>
          </Alert>
        ) : (
          <Checkout prescriptionIds={ids} initialSpeed={search.speed} />
        )}
      </PharmacyGate>
    </Page>
  );
}
