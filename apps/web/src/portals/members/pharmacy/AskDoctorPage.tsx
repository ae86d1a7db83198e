import { Alert, Badge, Button, TextField } from '@cmsgov/design-system';
import type { PrescriptionsResponse } from '@openpbm/shared/pharmacy';
import type { ContactRequestView } from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { formatInstant } from '../../../components/format/dates';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

const KEY = ['pharmacy', 'contact-requests'];
const STATUS = {
  open: 'Waiting for your doctor',
  completed: 'New prescription received',
  declined: 'Answered',
  cancelled: 'Cancelled',
} as const;

/** The badge text: an open request for a doctor outside the directory waits on our pharmacists, not the doctor. */
const statusLabel = (r: ContactRequestView) =>
  r.status === 'open' && r.handledBy === 'pharmacy' ? 'With our pharmacists' : STATUS[r.status];

function AskAbout({ prescriptionId }: { prescriptionId: string }) {
  const client = useQueryClient();
  const rx = useQuery({
    queryKey: ['pharmacy', 'prescriptions', 'ask'],
    queryFn: () => postJson<PrescriptionsResponse>('/api/prescriptions/search', { status: 'all' }),
    select: (data) => data.prescriptions.find((p) => p.id === prescriptionId),
  });
  const ask = useMutation({
    mutationFn: () => postJson<ContactRequestView>('/api/contact-requests', { prescriptionId }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  if (rx.isPending) return <Loading what="the prescription" />;
  if (!rx.data) return <p>That prescription is not available.</p>;
  return (
    <div className="rx-card">
      <p>
        <strong>{rx.data.drugName}</strong> for {rx.data.memberName} (Rx {rx.data.rxNumber}).{' '}
        {rx.data.refillMessage}
      </p>
      <p>
        We will ask {rx.data.prescriber.name} ({rx.data.prescriber.phone}) to send a new prescription to home
        delivery.
      </p>
      {ask.data ? (
        <Alert
          variation="success"
          heading={ask.data.handledBy === 'pharmacy' ? 'Sent to our pharmacy' : 'We asked your doctor'}
          headingLevel="3"
          role="status"
        >
          <p>{ask.data.nextStep}</p>
        </Alert>
      ) : (
        <Button variation="solid" disabled={ask.isPending} onClick={() => ask.mutate()}>
          Ask my doctor for a new prescription
        </Button>
      )}
      {ask.error ? <p className="ds-c-inline-error">{ask.error.message}</p> : null}
    </div>
  );
}

function AskOther() {
  const client = useQueryClient();
  const [form, setForm] = useState({ prescriberName: '', prescriberPhone: '', drugDescription: '' });
  const ask = useMutation({
    mutationFn: () => postJson<ContactRequestView>('/api/contact-requests', form),
    onSuccess: () => {
      setForm({ prescriberName: '', prescriberPhone: '', drugDescription: '' });
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const errors = ask.error instanceof ApiError ? ask.error.fieldErrors() : {};
  return (
    <div className="rx-card-form">
      {(['prescriberName', 'prescriberPhone', 'drugDescription'] as const).map((field) => (
        <TextField
          key={field}
          name={field}
          label={
            {
              prescriberName: 'Doctor’s name',
              prescriberPhone: 'Doctor’s phone',
              drugDescription: 'Medicine name and strength',
            }[field]
          }
          value={form[field]}
          errorMessage={errors[field]}
          onChange={(e) => setForm({ ...form, [field]: e.target.value })}
        />
      ))}
      <Button className="ds-u-margin-top--2" disabled={ask.isPending} onClick={() => ask.mutate()}>
        Send the request
      </Button>
      {ask.data ? <p role="status">Sent. {ask.data.nextStep}</p> : null}
    </div>
  );
}

function Requests() {
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => getJson<{ requests: ContactRequestView[] }>('/api/contact-requests'),
  });
  if (list.isPending) return <Loading what="requests" />;
  if (list.error) return <LoadError error={list.error} what="your requests" />;
  if (list.data.requests.length === 0) return <p>No requests yet.</p>;
  return (
    <ul className="rx-list">
      {list.data.requests.map((r) => (
        <li key={r.id} className="rx-card">
          <div className="rx-card__head">
            <h3 className="rx-card__name">{r.drugDescription}</h3>
            <Badge
              variation={r.status === 'completed' ? 'success' : r.status === 'open' ? 'info' : undefined}
            >
              {statusLabel(r)}
            </Badge>
          </div>
          <p className="rx-card__for">
            For {r.memberName} · {r.prescriberName} · asked {formatInstant(r.createdAt)}
          </p>
          {r.status === 'open' ? <p>{r.nextStep}</p> : null}
          {r.responseNote ? <p>{r.responseNote}</p> : null}
          {r.newPrescriptionId ? (
            <Link
              to="/members/prescriptions/$prescriptionId"
              params={{ prescriptionId: r.newPrescriptionId }}
            >
              See the new prescription
            </Link>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function AskDoctorPage() {
  const search = useSearch({ from: '/members/ask-doctor' }) as { prescriptionId?: string };
  return (
    <Page
      title="Ask my doctor"
      eyebrow="For members"
      heading="Ask my doctor for a new prescription"
      lead="When a prescription runs out or expires, our home-delivery pharmacists can contact your doctor for you."
    >
      <PharmacyGate purpose="your requests">
        <PharmacyNav />
        {search.prescriptionId ? (
          <Section heading="New prescription for">
            <AskAbout prescriptionId={search.prescriptionId} />
          </Section>
        ) : null}
        <Section heading="Your requests">
          <Requests />
        </Section>
        <Section heading="Ask about another medicine">
          <AskOther />
        </Section>
      </PharmacyGate>
    </Page>
  );
}
