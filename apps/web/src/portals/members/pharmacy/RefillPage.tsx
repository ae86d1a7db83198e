import { Alert, Button, ChoiceList, TextField } from '@cmsgov/design-system';
import type { PaymentMethodsResponse } from '@openpbm/shared/payments';
import { cardLabel } from '@openpbm/shared/payments';
import type { OrderDetail, OrderQuoteResponse, ShippingAddress } from '@openpbm/shared/pharmacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import {
  ApiError,
  getJson,
  newIdempotencyKey,
  postIdempotent,
  postJson,
} from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { ErrorSummary } from '../../../components/form/ErrorSummary';
import { formatDate } from '../../../components/format/dates';
import { formatCents } from '../benefits/money';
import { Loading, PharmacyGate } from './PharmacyGate';
import './pharmacy.css';

const emptyAddress: ShippingAddress = { line1: '', line2: '', city: '', state: '', zip: '' };

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
  const navigate = useNavigate();
  const client = useQueryClient();
  const quote = useQuery({
    queryKey: ['pharmacy', 'quote', prescriptionIds],
    queryFn: () => postJson<OrderQuoteResponse>('/api/orders/quote', { prescriptionIds }),
    retry: false,
  });
  const cards = useQuery({
    queryKey: ['pharmacy', 'payment-methods'],
    queryFn: () => getJson<PaymentMethodsResponse>('/api/payment-methods'),
  });
  const [useOnFile, setUseOnFile] = useState(true);
  const [address, setAddress] = useState<ShippingAddress>(emptyAddress);
  const [speed, setSpeed] = useState<'standard' | 'expedited'>(initialSpeed ?? 'standard');
  const [cardId, setCardId] = useState<string>('');
  // One key per checkout: a retried click after a network error cannot create a second order.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const usableCards = (cards.data?.paymentMethods ?? []).filter((c) => !c.expired);
  const chosenCard = cardId || usableCards.find((c) => c.isDefault)?.id || usableCards[0]?.id || '';

  const place = useMutation({
    mutationFn: () =>
      postIdempotent<OrderDetail>(
        '/api/orders',
        {
          prescriptionIds,
          shippingSpeed: speed,
          ...(useOnFile ? {} : { shippingAddress: { ...address, line2: address.line2 || undefined } }),
          ...(chosenCard ? { paymentMethodId: chosenCard } : {}),
        },
        idempotencyKey,
      ),
    onSuccess: (order) => {
      // Not the quote, which is still on screen: these prescriptions are now in an open order, so quoting them
      // again would fail. It refetches on the next visit anyway.
      void client.invalidateQueries({ queryKey: ['pharmacy'], predicate: (q) => q.queryKey[1] !== 'quote' });
      void navigate({ to: '/members/orders/$orderId', params: { orderId: order.id } });
    },
  });

  if (quote.isPending) return <Loading what="your refill" />;
  if (quote.error) {
    const problem = quote.error instanceof ApiError ? quote.error.problem : null;
    return (
      <Alert variation="error" heading="These refills cannot be ordered" headingLevel="2" role="alert">
        {problem?.errors?.length ? (
          <ul>
            {problem.errors.map((e) => (
              <li key={e.field + e.message}>{e.message}</li>
            ))}
          </ul>
        ) : (
          <p>{quote.error.message}</p>
        )}
        <p>
          <Link to="/members/prescriptions">Back to prescriptions</Link>
        </p>
      </Alert>
    );
  }
  const q = quote.data;
  const fieldErrors = place.error instanceof ApiError ? place.error.fieldErrors() : {};
  const summaryErrors = Object.entries(fieldErrors).map(([field, message]) => ({
    fieldId: field.startsWith('shippingAddress') ? `address-${field.split('.')[1]}` : field,
    message,
  }));

  return (
    <>
      <ErrorSummary errors={summaryErrors} />
      {place.error && summaryErrors.length === 0 ? (
        <Alert variation="error" heading="The order was not placed" headingLevel="2" role="alert">
          <p>{place.error.message}</p>
        </Alert>
      ) : null}
      <Section heading={`Refills for ${q.memberName}`}>
        <ul className="rx-checkout-items">
          {q.items.map((item) => (
            <li key={item.prescriptionId}>
              <span className="rx-checkout-items__name">{item.drugName}</span>
              <span>
                Rx {item.rxNumber} · {item.quantity} for {item.daysSupply} days
              </span>
              <span className="rx-amount">{formatCents(item.memberCostCents)}</span>
              {item.messages.map((m) => (
                <span key={m} className="rx-hint">
                  {m}
                </span>
              ))}
            </li>
          ))}
        </ul>
        <p className="rx-total">
          You pay <strong>{formatCents(q.totalMemberCostCents)}</strong>
        </p>
        <p className="rx-hint">{q.disclaimer}</p>
      </Section>

      <Section heading="Shipping">
        <ChoiceList
          type="radio"
          name="addressChoice"
          label="Ship to"
          choices={[
            {
              value: 'file',
              label: `My address on file: ${addressText(q.addressOnFile)}`,
              checked: useOnFile,
            },
            { value: 'other', label: 'Another address', checked: !useOnFile },
          ]}
          onChange={(e) => setUseOnFile(e.target.value === 'file')}
        />
        {!useOnFile ? (
          <fieldset className="rx-address">
            <legend className="ds-c-label">Shipping address</legend>
            {(['line1', 'line2', 'city', 'state', 'zip'] as const).map((field) => (
              <TextField
                key={field}
                id={`address-${field}`}
                name={field}
                label={
                  {
                    line1: 'Street address',
                    line2: 'Apartment, suite (optional)',
                    city: 'City',
                    state: 'State (2 letters)',
                    zip: 'ZIP code',
                  }[field]
                }
                value={address[field] ?? ''}
                errorMessage={fieldErrors[`shippingAddress.${field}`]}
                onChange={(e) => setAddress({ ...address, [field]: e.target.value })}
              />
            ))}
          </fieldset>
        ) : null}
        <ChoiceList
          type="radio"
          name="shippingSpeed"
          label="Delivery speed"
          choices={[
            {
              value: 'standard',
              label: `Standard, free: arrives by ${formatDate(q.estimatedDelivery.standard)}`,
              checked: speed === 'standard',
            },
            {
              value: 'expedited',
              label: `Expedited, free: arrives by ${formatDate(q.estimatedDelivery.expedited)}`,
              checked: speed === 'expedited',
            },
          ]}
          onChange={(e) => setSpeed(e.target.value as 'standard' | 'expedited')}
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
          <ChoiceList
            type="radio"
            name="paymentMethodId"
            label="Pay with"
            errorMessage={fieldErrors.paymentMethodId}
            choices={usableCards.map((c) => ({
              value: c.id,
              label: cardLabel(c),
              checked: chosenCard === c.id,
            }))}
            onChange={(e) => setCardId(e.target.value)}
          />
        )}
      </Section>
      <Button variation="solid" onClick={() => place.mutate()} disabled={place.isPending}>
        {place.isPending ? 'Placing your order…' : `Place order, ${formatCents(q.totalMemberCostCents)}`}
      </Button>
    </>
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
