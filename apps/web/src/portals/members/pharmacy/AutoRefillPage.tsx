import { Alert, Button, ChoiceList } from '@cmsgov/design-system';
import type { AutoRefillsResponse } from '@openpbm/shared/auto-refill';
import { cardLabel, type PaymentMethodsResponse } from '@openpbm/shared/payments';
import type { PrescriptionsResponse } from '@openpbm/shared/pharmacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { SelectField } from '../../../components/form/SelectField';
import { formatDate } from '../../../components/format/dates';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

const KEY = ['pharmacy', 'auto-refill'];

function Enroll({ preselected }: { preselected?: string }) {
  const client = useQueryClient();
  const eligible = useQuery({
    queryKey: ['pharmacy', 'prescriptions', 'auto-refill-eligible'],
    queryFn: () => postJson<PrescriptionsResponse>('/api/prescriptions/search', { status: 'current' }),
    select: (data) => data.prescriptions.filter((rx) => rx.autoRefillEligible),
  });
  const cards = useQuery({
    queryKey: ['pharmacy', 'payment-methods'],
    queryFn: () => getJson<PaymentMethodsResponse>('/api/payment-methods'),
  });
  const [prescriptionId, setPrescriptionId] = useState(preselected ?? '');
  const [cardId, setCardId] = useState('');
  const usable = (cards.data?.paymentMethods ?? []).filter((c) => !c.expired);
  const card = cardId || usable.find((c) => c.isDefault)?.id || usable[0]?.id || '';
  const enroll = useMutation({
    mutationFn: () =>
      postJson<AutoRefillsResponse>('/api/auto-refill', { prescriptionId, paymentMethodId: card }),
    onSuccess: (data) => {
      client.setQueryData(KEY, data);
      void client.invalidateQueries({ queryKey: ['pharmacy', 'prescriptions'] });
      setPrescriptionId('');
    },
  });
  if (eligible.isPending || cards.isPending) return <Loading what="your prescriptions" />;
  if (!eligible.data?.length) {
    return (
      <p>
        None of your current prescriptions can use automatic refills right now. They are for everyday
        medicines at home delivery with refills left.
      </p>
    );
  }
  if (usable.length === 0) {
    return (
      <p>
        <Link to="/members/payment-methods">Add a payment card</Link> to turn on automatic refills.
      </p>
    );
  }
  return (
    <div className="rx-card-form">
      <SelectField
        name="prescriptionId"
        label="Prescription"
        value={prescriptionId}
        onChange={(e) => setPrescriptionId(e.target.value)}
        options={[
          { value: '', label: 'Choose a prescription' },
          ...eligible.data.map((rx) => ({
            value: rx.id,
            label: `${rx.drugName} for ${rx.memberName} (Rx ${rx.rxNumber})`,
          })),
        ]}
      />
      <ChoiceList
        type="radio"
        name="card"
        label="Pay with"
        choices={usable.map((c) => ({ value: c.id, label: cardLabel(c), checked: card === c.id }))}
        onChange={(e) => setCardId(e.target.value)}
      />
      <p className="rx-hint">
        We ship to the address on file and charge the card when each refill is filled. You can pause or stop
        any time.
      </p>
      <Button
        variation="solid"
        disabled={!prescriptionId || enroll.isPending}
        onClick={() => enroll.mutate()}
      >
        Turn on automatic refills
      </Button>
      {enroll.error ? (
        <Alert variation="error" heading="Automatic refills were not turned on" headingLevel="3" role="alert">
          <p>{enroll.error.message}</p>
        </Alert>
      ) : null}
    </div>
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
  if (list.isPending) return <Loading what="automatic refills" />;
  if (list.error) return <LoadError error={list.error} what="automatic refills" />;
  if (list.data.enrollments.length === 0) return <p>No automatic refills yet.</p>;
  return (
    <>
      {change.error ? (
        <Alert variation="error" heading="That did not work" headingLevel="3" role="alert">
          <p>{change.error.message}</p>
        </Alert>
      ) : null}
      <ul className="rx-list">
        {list.data.enrollments.map((e) => (
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
