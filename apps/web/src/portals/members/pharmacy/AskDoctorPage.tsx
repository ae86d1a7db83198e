import { Alert, Badge, Button } from '@cmsgov/design-system';
import type { PrescriptionsResponse } from '@openpbm/shared/pharmacy';
import { type ContactRequestView, createContactRequest } from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import type { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

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
    select: (data) => data.prescriptions.find((p) => p.id === prescriptionId) ?? null,
  });
  const ask = useMutation({
    mutationFn: () => postJson<ContactRequestView>('/api/contact-requests', { prescriptionId }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <QueryBoundary query={rx} what="the prescription">
      {(found) =>
        !found ? (
          <p>That prescription is not available.</p>
        ) : (
          <div className="rx-card">
            <p>
              <strong>{found.drugName}</strong> for {found.memberName} (Rx {found.rxNumber}).{' '}
              {found.refillMessage}
            </p>
            <p>
              We will ask {found.prescriber.name} ({found.prescriber.phone}) to send a new prescription to
              home delivery.
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
            <ActionError error={ask.error} heading="The request was not sent" />
          </div>
        )
      }
    </QueryBoundary>
  );
}

const askOther = createContactRequest.options[1].omit({ memberId: true });
type AskOther = z.output<typeof askOther>;
const NO_REQUEST: AskOther = { prescriberName: '', prescriberPhone: '', drugDescription: '' };

function AskOther() {
  const client = useQueryClient();
  const [sent, setSent] = useState<ContactRequestView | null>(null);
  const form = useZodForm(askOther, { defaultValues: NO_REQUEST });
  async function ask(body: AskOther) {
    setSent(null);
    setSent(await postJson<ContactRequestView>('/api/contact-requests', body));
    form.reset(NO_REQUEST);
    void client.invalidateQueries({ queryKey: KEY });
  }
  return (
    <Form form={form} onSubmit={ask} className="rx-card-form" aria-label="Ask about another medicine">
      <Field name="prescriberName" label="Doctor’s name" />
      <Field name="prescriberPhone" label="Doctor’s phone" type="tel" />
      <Field name="drugDescription" label="Medicine name and strength" />
      <SubmitButton variation="outline">Send the request</SubmitButton>
      {sent ? <p role="status">Sent. {sent.nextStep}</p> : null}
    </Form>
  );
}

function Requests() {
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => getJson<{ requests: ContactRequestView[] }>('/api/contact-requests'),
  });
  return (
    <QueryBoundary query={list} what="your requests">
      {(data) => {
        if (data.requests.length === 0) return <p>No requests yet.</p>;
        return (
          <ul className="rx-list">
            {data.requests.map((r) => (
              <li key={r.id} className="rx-card">
                <div className="rx-card__head">
                  <h3 className="rx-card__name">{r.drugDescription}</h3>
                  <Badge
                    variation={
                      r.status === 'completed' ? 'success' : r.status === 'open' ? 'info' : undefined
                    }
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
      }}
    </QueryBoundary>
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
