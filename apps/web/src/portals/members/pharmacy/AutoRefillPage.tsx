import { Button } from '@cmsgov/design-system';
import type { AutoRefillsResponse } from '@openpbm/shared/auto-refill';
import { cardLabel } from '@openpbm/shared/payments';
import type { PrescriptionsResponse } from '@openpbm/shared/pharmacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { ActionError } from '../../../components/content/ActionError';
import { Loading } from '../../../components/content/Loading';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate } from '../../../components/format/dates';
import { PharmacyNav } from './PharmacyNav';
import { useDefaultCard, usePaymentCards } from './payment-cards';
import '../../../styles/pharmacy.css';

const KEY = ['pharmacy', 'auto-refill'];

const enrollForm = z.object({
  prescriptionId: z.string().min(1, 'Choose a prescription'),
  paymentMethodId: z.string({ error: 'Choose a card' }).min(1, 'Choose a card'),
});
type EnrollForm = z.output<typeof enrollForm>;

function Enroll({ preselected }: { preselected?: string }) {
  const client = useQueryClient();
  const eligible = useQuery({
    queryKey: ['pharmacy', 'prescriptions', 'auto-refill-eligible'],
    queryFn: () => postJson<PrescriptionsResponse>('/api/prescriptions/search', { status: 'current' }),
    select: (data) => data.prescriptions.filter((rx) => rx.autoRefillEligible),
  });
  const { cards, usable, defaultCard } = usePaymentCards();
  const form = useZodForm(enrollForm, {
    defaultValues: { prescriptionId: preselected ?? '', paymentMethodId: '' },
  });
  useDefaultCard(form as never, defaultCard);

  async function enroll(body: EnrollForm) {
    const data = await postJson<AutoRefillsResponse>('/api/auto-refill', body);
    client.setQueryData(KEY, data);
    void client.invalidateQueries({ queryKey: ['pharmacy', 'prescriptions'] });
    form.reset({ prescriptionId: '', paymentMethodId: body.paymentMethodId });
  }

  return (
    <QueryBoundary query={eligible} what="your prescriptions">
      {(rxs) =>
        cards.isPending ? (
          <Loading what="your cards" />
        ) : rxs.length === 0 ? (
          <p>
            None of your current prescriptions can use automatic refills right now. They are for everyday
            medicines at home delivery with refills left.
          </p>
        ) : usable.length === 0 ? (
          <p>
            <Link to="/members/payment-methods">Add a payment card</Link> to turn on automatic refills.
          </p>
        ) : (
          <Form form={form} onSubmit={enroll} className="rx-card-form" aria-label="Turn on automatic refills">
            <Field
              name="prescriptionId"
              label="Prescription"
              options={[
                { value: '', label: 'Choose a prescription' },
                ...rxs.map((rx) => ({
                  value: rx.id,
                  label: `${rx.drugName} for ${rx.memberName} (Rx ${rx.rxNumber})`,
                })),
              ]}
            />
            <ChoiceField
              name="paymentMethodId"
              label="Pay with"
              options={usable.map((c) => ({ value: c.id, label: cardLabel(c) }))}
            />
            <p className="rx-hint">
              We ship to the address on file and charge the card when each refill is filled. You can pause or
              stop any time.
            </p>
            <SubmitButton pending="Turning on…">Turn on automatic refills</SubmitButton>
          </Form>
        )
      }
    </QueryBoundary>
  );
}

function Enrollments() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => getJson<AutoRefillsResponse>('/api/auto-refill') });
  const change = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'pause' | 'resume' | 'cancel' }) =>
      postJson<AutoRefillsResponse>(`/api/auto-refill/${id}/${action}`),
    onSuccess: (data) => {
      client.setQueryData(KEY, data);
      void client.invalidateQueries({ queryKey: ['pharmacy', 'prescriptions'] });
    },
  });
  return (
    <QueryBoundary query={list} what="automatic refills">
      {(data) => {
        if (data.enrollments.length === 0) return <p>No automatic refills yet.</p>;
        return (
          <>
            <ActionError error={change.error} heading="That did not work" />
            <ul className="rx-list">
              {data.enrollments.map((e) => (
                <li key={e.id} className="rx-card">
                  <h3 className="rx-card__name">{e.drugName}</h3>
                  <p className="rx-card__for">
                    For {e.memberName} · Rx {e.rxNumber} · {e.cardLabel ?? 'no card'}
                  </p>
                  <p>
                    {e.status === 'active' ? (
                      <>
                        <strong>On.</strong> Next refill ordered on {formatDate(e.nextRefillDate)}.
                      </>
                    ) : (
                      <strong>Paused.</strong>
                    )}{' '}
                    {e.lastOrderId && e.lastOrderNumber ? (
                      <Link to="/members/orders/$orderId" params={{ orderId: e.lastOrderId }}>
                        Last order {e.lastOrderNumber}
                      </Link>
                    ) : null}
                  </p>
                  {e.problem ? <p className="ds-c-inline-error">{e.problem}</p> : null}
                  <div className="rx-card__actions">
                    {e.status === 'active' ? (
                      <Button size="small" onClick={() => change.mutate({ id: e.id, action: 'pause' })}>
                        Pause<span className="ds-u-visibility--screen-reader"> {e.drugName}</span>
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => change.mutate({ id: e.id, action: 'resume' })}>
                        Resume<span className="ds-u-visibility--screen-reader"> {e.drugName}</span>
                      </Button>
                    )}
                    <Button
                      size="small"
                      variation="ghost"
                      onClick={() => change.mutate({ id: e.id, action: 'cancel' })}
                    >
                      Stop automatic refills
                      <span className="ds-u-visibility--screen-reader"> for {e.drugName}</span>
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </QueryBoundary>
  );
}

export function AutoRefillPage() {
  const search = useSearch({ from: '/members/auto-refill' }) as { prescriptionId?: string };
  return (
    <Page
      title="Automatic refills"
      eyebrow="For members"
      heading="Automatic refills"
      lead="For medicines you take every day: we order each refill by home delivery when it is due and tell you when it ships."
    >
      <PharmacyGate purpose="your automatic refills">
        <PharmacyNav />
        <Section heading="Your automatic refills">
          <Enrollments />
        </Section>
        <Section heading="Turn on automatic refills">
          <Enroll preselected={search.prescriptionId} />
        </Section>
      </PharmacyGate>
    </Page>
  );
}
