import { Alert, Badge, Button } from '@cmsgov/design-system';
import type { PrescriptionsResponse } from '@openpbm/shared/pharmacy';
import {
  createTransferRequest,
  TRANSFER_STATUS_LABELS,
  type TransferCandidate,
  type TransferView,
} from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Field, Form, FormActions, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

const KEY = ['pharmacy', 'transfers'];

const manualTransfer = createTransferRequest.options[2].omit({ memberId: true, pharmacyId: true }).extend({
  // An empty phone is "not given".
  pharmacyPhone: z.union([
    z.literal('').transform(() => undefined),
    createTransferRequest.options[2].shape.pharmacyPhone,
  ]),
});
// Radio buttons give null until one is chosen.
const chosen = (message: string) => z.string({ error: message }).min(1, message);
const transferForm = z.discriminatedUnion('source', [
  z.object({ source: z.literal('prescription'), prescriptionId: chosen('Choose a prescription') }),
  z.object({ source: z.literal('claim'), claimId: chosen('Choose a recent fill') }),
  manualTransfer,
]);
type TransferForm = z.input<typeof transferForm>;

const SOURCES = [
  { value: 'prescription', label: 'One from my prescriptions' },
  { value: 'claim', label: 'One I filled recently (from my claims)' },
  { value: 'manual', label: 'I will enter the pharmacy and Rx number' },
];
const EMPTY = {
  prescriptionId: '',
  claimId: '',
  pharmacyName: '',
  pharmacyPhone: '',
  rxNumber: '',
  drugDescription: '',
};

function RequestForm({ preselected }: { preselected?: string }) {
  const client = useQueryClient();
  const [sent, setSent] = useState(false);
  const form = useZodForm(transferForm, {
    defaultValues: { ...EMPTY, source: 'prescription', prescriptionId: preselected ?? '' } as TransferForm,
  });
  const source = form.watch('source');
  const retail = useQuery({
    queryKey: ['pharmacy', 'prescriptions', 'retail'],
    queryFn: () => postJson<PrescriptionsResponse>('/api/prescriptions/search', { status: 'current' }),
    select: (data) => data.prescriptions.filter((rx) => rx.canTransferToHomeDelivery),
  });
  const candidates = useQuery({
    queryKey: ['pharmacy', 'transfer-candidates'],
    queryFn: () => getJson<{ candidates: TransferCandidate[] }>('/api/transfers/candidates'),
    enabled: source === 'claim',
  });

  async function send(body: z.output<typeof transferForm>) {
    setSent(false);
    await postJson<TransferView>('/api/transfers', body);
    void client.invalidateQueries({ queryKey: KEY });
    void client.invalidateQueries({ queryKey: ['pharmacy', 'prescriptions'] });
    form.reset({ ...EMPTY, source: body.source } as TransferForm);
    setSent(true);
  }

  return (
    <Form form={form} onSubmit={send} className="rx-card-form" aria-label="Request a transfer">
      <ChoiceField name="source" label="Which prescription" options={SOURCES} />
      {source === 'prescription' ? (
        <QueryBoundary query={retail} what="prescriptions">
          {(rxs) =>
            rxs.length ? (
              <ChoiceField
                name="prescriptionId"
                label="Prescription at a retail pharmacy"
                options={rxs.map((rx) => ({
                  value: rx.id,
                  label: `${rx.drugName} for ${rx.memberName}, Rx ${rx.rxNumber} at ${rx.pharmacy.name}`,
                }))}
              />
            ) : (
              <p>None of your prescriptions on file is at a retail pharmacy.</p>
            )
          }
        </QueryBoundary>
      ) : null}
      {source === 'claim' ? (
        <QueryBoundary query={candidates} what="recent fills">
          {(data) =>
            data.candidates.length ? (
              <ChoiceField
                name="claimId"
                label="Recent fill"
                options={data.candidates.map((c) => ({
                  value: c.claimId,
                  label: `${c.drugName} for ${c.memberName}, Rx ${c.rxNumber} at ${c.pharmacyName}, filled ${formatDate(c.lastFillDate)}`,
                }))}
              />
            ) : (
              <p>No retail fills in your claims history.</p>
            )
          }
        </QueryBoundary>
      ) : null}
      {source === 'manual' ? (
        <>
          <Field name="pharmacyName" label="Pharmacy name" />
          <Field name="pharmacyPhone" label="Pharmacy phone (optional)" type="tel" autoComplete="off" />
          <Field name="rxNumber" label="Rx number on the label" />
          <Field name="drugDescription" label="Medicine" />
        </>
      ) : null}
      <FormActions>
        <SubmitButton>Request transfer</SubmitButton>
      </FormActions>
      {sent ? (
        <Alert variation="success" heading="Transfer requested" headingLevel="3" role="status">
          <p>We will contact the pharmacy and let you know.</p>
        </Alert>
      ) : null}
    </Form>
  );
}

function Transfers() {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => getJson<{ transfers: TransferView[] }>('/api/transfers'),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => postJson<TransferView>(`/api/transfers/${id}/cancel`),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <QueryBoundary query={list} what="your transfers">
      {(data) => {
        if (data.transfers.length === 0) return <p>No transfers yet.</p>;
        return (
          <>
            <ActionError error={cancel.error} heading="The transfer was not cancelled" />
            <ul className="rx-list">
              {data.transfers.map((x) => (
                <li key={x.id} className="rx-card">
                  <div className="rx-card__head">
                    <h3 className="rx-card__name">{x.drugDescription}</h3>
                    <Badge
                      variation={
                        x.status === 'completed' ? 'success' : x.status === 'rejected' ? 'alert' : 'info'
                      }
                    >
                      {TRANSFER_STATUS_LABELS[x.status]}
                    </Badge>
                  </div>
                  <p className="rx-card__for">
                    For {x.memberName} · Rx {x.fromRxNumber} at {x.fromPharmacyName} · asked{' '}
                    {formatInstant(x.createdAt)}
                  </p>
                  {x.resolutionNote ? <p>{x.resolutionNote}</p> : null}
                  {x.newPrescriptionId ? (
                    <Link
                      to="/members/prescriptions/$prescriptionId"
                      params={{ prescriptionId: x.newPrescriptionId }}
                    >
                      See the prescription at home delivery
                    </Link>
                  ) : null}
                  {x.canCancel ? (
                    <Button size="small" variation="ghost" onClick={() => cancel.mutate(x.id)}>
                      Cancel transfer
                      <span className="ds-u-visibility--screen-reader"> of {x.drugDescription}</span>
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </QueryBoundary>
  );
}

export function TransfersPage() {
  const search = useSearch({ from: '/members/transfers' }) as { prescriptionId?: string };
  return (
    <Page
      title="Transfers"
      eyebrow="For members"
      heading="Move a prescription to home delivery"
      lead="Tell us where the prescription is today. Our pharmacists contact that pharmacy and let you know when it is ready to order."
    >
      <PharmacyGate purpose="your transfers">
        <PharmacyNav />
        <Section heading="Your transfers">
          <Transfers />
        </Section>
        <Section heading="Request a transfer">
          <RequestForm preselected={search.prescriptionId} />
        </Section>
      </PharmacyGate>
    </Page>
  );
}
