import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type AddedPaymentMethod, cardLabel, type PaymentMethodsResponse } from '@openpbm/shared/payments';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, deleteJson, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { ErrorSummary } from '../../../components/form/ErrorSummary';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

const KEY = ['pharmacy', 'payment-methods'];

function AddCard() {
  const client = useQueryClient();
  const [cardNumber, setCardNumber] = useState('');
  const [expMonth, setExpMonth] = useState('');
  const [expYear, setExpYear] = useState('');
  const add = useMutation({
    mutationFn: () =>
      postJson<AddedPaymentMethod>('/api/payment-methods', {
        cardNumber,
        expMonth: Number(expMonth),
        expYear: Number(expYear),
      }),
    onSuccess: () => {
      // The number is gone from the page as soon as the vault has it.
      setCardNumber('');
      setExpMonth('');
      setExpYear('');
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} className="rx-card-form" autoComplete="on" noValidate>
      <ErrorSummary errors={Object.entries(errors).map(([fieldId, message]) => ({ fieldId, message }))} />
      {add.error && Object.keys(errors).length === 0 ? (
        <p className="ds-c-inline-error">{add.error.message}</p>
      ) : null}
      {add.isSuccess ? (
        <Alert
          variation="success"
          heading={add.data.alreadyOnFile ? 'Card already on file' : 'Card saved'}
          headingLevel="3"
          role="status"
        >
          <p>{cardLabel(add.data)} is on file.</p>
        </Alert>
      ) : null}
      <TextField
        id="cardNumber"
        name="cardNumber"
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        value={cardNumber}
        errorMessage={errors.cardNumber}
        onChange={(e) => setCardNumber(e.target.value)}
      />
      <div className="rx-inline-fields">
        <TextField
          id="expMonth"
          name="expMonth"
          label="Expiry month"
          hint="MM"
          inputMode="numeric"
          autoComplete="cc-exp-month"
          size="small"
          value={expMonth}
          errorMessage={errors.expMonth}
          onChange={(e) => setExpMonth(e.target.value)}
        />
        <TextField
          id="expYear"
          name="expYear"
          label="Expiry year"
          hint="YYYY"
          inputMode="numeric"
          autoComplete="cc-exp-year"
          size="small"
          value={expYear}
          errorMessage={errors.expYear}
          onChange={(e) => setExpYear(e.target.value)}
        />
      </div>
      <p className="rx-hint">
        Your card number goes straight to our card vault. We keep only the card type, the last four digits and
        the expiry date.
      </p>
      <Button type="submit" variation="solid" disabled={add.isPending}>
        Save card
      </Button>
    </form>
  );
}

function Cards() {
  const client = useQueryClient();
  const cards = useQuery({
    queryKey: KEY,
    queryFn: () => getJson<PaymentMethodsResponse>('/api/payment-methods'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteJson<void>(`/api/payment-methods/${id}`),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const makeDefault = useMutation({
    mutationFn: (id: string) => postJson<PaymentMethodsResponse>(`/api/payment-methods/${id}/default`),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  if (cards.isPending) return <Loading what="cards" />;
  if (cards.error) return <LoadError error={cards.error} what="your cards" />;
  if (cards.data.paymentMethods.length === 0) return <p>No cards on file yet.</p>;
  return (
    <>
      {remove.error ? (
        <Alert variation="error" heading="The card was not removed" headingLevel="3" role="alert">
          <p>{remove.error.message}</p>
        </Alert>
      ) : null}
      <ul className="rx-saved-cards">
        {cards.data.paymentMethods.map((c) => (
          <li key={c.id}>
            <span>
              {cardLabel(c)}
              {c.isDefault ? ' (default)' : ''}
              {c.expired ? ' · expired' : ''}
            </span>
            {!c.isDefault ? (
              <Button size="small" variation="ghost" onClick={() => makeDefault.mutate(c.id)}>
                Make default<span className="ds-u-visibility--screen-reader"> {cardLabel(c)}</span>
              </Button>
            ) : null}
            <Button size="small" variation="ghost" onClick={() => remove.mutate(c.id)}>
              Remove<span className="ds-u-visibility--screen-reader"> {cardLabel(c)}</span>
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PaymentMethodsPage() {
  return (
    <Page
      title="Payment cards"
      eyebrow="For members"
      heading="Payment cards"
      lead="Cards for home-delivery orders and automatic refills."
    >
      <PharmacyGate purpose="your payment cards">
        <PharmacyNav />
        <Section heading="Cards on file">
          <Cards />
        </Section>
        <Section heading="Add a card">
          <AddCard />
        </Section>
      </PharmacyGate>
    </Page>
  );
}
