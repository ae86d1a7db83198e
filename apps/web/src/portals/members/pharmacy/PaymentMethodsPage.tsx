import { Alert, Button } from '@cmsgov/design-system';
import {
  type AddedPaymentMethod,
  type AddPaymentMethodRequest,
  addPaymentMethodRequest,
  cardLabel,
  type PaymentMethodsResponse,
} from '@openpbm/shared/payments';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { deleteJson, getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

const KEY = ['pharmacy', 'payment-methods'];

/** The card as typed (month and year as text), checked by the shared addPaymentMethodRequest schema. */
const addCardForm = z
  .object({ cardNumber: z.string(), expMonth: z.string(), expYear: z.string() })
  .transform((typed) => ({ ...typed, expMonth: Number(typed.expMonth), expYear: Number(typed.expYear) }))
  .pipe(addPaymentMethodRequest);
const NO_CARD = { cardNumber: '', expMonth: '', expYear: '' };

function AddCard() {
  const client = useQueryClient();
  const form = useZodForm(addCardForm, { defaultValues: NO_CARD });
  const [saved, setSaved] = useState<AddedPaymentMethod | null>(null);
  async function save(card: AddPaymentMethodRequest) {
    setSaved(null);
    const added = await postJson<AddedPaymentMethod>('/api/payment-methods', card);
    // The number is gone from the page as soon as the vault has it.
    form.reset(NO_CARD);
    setSaved(added);
    void client.invalidateQueries({ queryKey: KEY });
  }
  return (
    <Form form={form} onSubmit={save} className="rx-card-form">
      {saved ? (
        <Alert
          variation="success"
          heading={saved.alreadyOnFile ? 'Card already on file' : 'Card saved'}
          headingLevel="3"
          role="status"
        >
          <p>{cardLabel(saved)} is on file.</p>
        </Alert>
      ) : null}
      <Field name="cardNumber" label="Card number" inputMode="numeric" autoComplete="cc-number" />
      <div className="rx-inline-fields">
        <Field
          name="expMonth"
          label="Expiry month"
          hint="MM"
          inputMode="numeric"
          autoComplete="cc-exp-month"
          className="kit-field--short"
        />
        <Field
          name="expYear"
          label="Expiry year"
          hint="YYYY"
          inputMode="numeric"
          autoComplete="cc-exp-year"
          className="kit-field--short"
        />
      </div>
      <p className="rx-hint">
        Your card number goes straight to our card vault. We keep only the card type, the last four digits and
        the expiry date.
      </p>
      <SubmitButton pending="Saving…">Save card</SubmitButton>
    </Form>
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
  return (
    <QueryBoundary query={cards} what="your cards">
      {(data) => {
        if (data.paymentMethods.length === 0) return <p>No cards on file yet.</p>;
        return (
          <>
            <ActionError error={remove.error} heading="The card was not removed" />
            <ul className="rx-saved-cards">
              {data.paymentMethods.map((c) => (
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
      }}
    </QueryBoundary>
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
