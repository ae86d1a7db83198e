import { Button } from '@cmsgov/design-system';
import {
  completeTransferRequest,
  type StaffTransferView,
  TRANSFER_STATUS_LABELS,
} from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { CardList } from '../../../components/content/CardList';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { StatusTabs } from '../../../components/content/StatusTabs';
import { Field, Form, ReasonForm, SubmitButton, toNumber, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { HomeDeliveryConsolePage } from './HomeDeliveryConsolePage';
import '../../../styles/pharmacy.css';

const STATUSES = ['requested', 'in_progress', 'completed', 'rejected'] as const;
type Status = (typeof STATUSES)[number];
const FIELDS = [
  ['ndc', 'NDC (11 digits)'],
  ['prescriberNpi', 'Prescriber NPI'],
  ['quantity', 'Quantity'],
  ['daysSupply', 'Days supply'],
  ['directions', 'Directions'],
  ['refillsRemaining', 'Refills left'],
  ['writtenDate', 'Written (YYYY-MM-DD)'],
  ['expiryDate', 'Fillable through (YYYY-MM-DD)'],
  ['lastFillDate', 'Last filled (YYYY-MM-DD)'],
] as const;
const NUMERIC = new Set(['quantity', 'daysSupply', 'refillsRemaining']);
type FieldName = (typeof FIELDS)[number][0];
const EMPTY = Object.fromEntries(FIELDS.map(([field]) => [field, ''])) as Record<FieldName, string>;

// Typed text → the shared contract: an empty field keeps what is on file, numbers are numbers.
const completeForm = z
  .record(z.string(), z.string())
  .transform((values) =>
    Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, NUMERIC.has(k) ? toNumber(v) : v.trim()]),
    ),
  )
  .pipe(completeTransferRequest);

function CompleteForm({ transfer, onDone }: { transfer: StaffTransferView; onDone: () => Promise<unknown> }) {
  const form = useZodForm(completeForm, { defaultValues: EMPTY });
  async function complete(body: z.output<typeof completeForm>) {
    await postJson(`/api/home-delivery/transfers/${transfer.id}/complete`, body);
    await onDone();
  }
  return (
    <Form form={form} onSubmit={complete} className="hd-action" aria-label="Complete">
      <h4>Complete</h4>
      {FIELDS.map(([field, label]) => (
        <Field key={field} name={field} label={label} />
      ))}
      <SubmitButton pending="Completing…">Complete transfer</SubmitButton>
    </Form>
  );
}

function TransferCard({ transfer }: { transfer: StaffTransferView }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['home-delivery', 'transfers'] });
  const start = useMutation({
    mutationFn: () => postJson<StaffTransferView>(`/api/home-delivery/transfers/${transfer.id}/start`),
    onSuccess: refresh,
  });
  const open = transfer.status === 'requested' || transfer.status === 'in_progress';
  const src = transfer.sourcePrescription;
  return (
    <li className="rx-card">
      <h3 className="rx-card__name">
        {transfer.drugDescription} · Rx {transfer.fromRxNumber}
      </h3>
      <p className="rx-card__for">
        {transfer.memberName}, born {formatDate(transfer.memberDateOfBirth)} · from{' '}
        {transfer.fromPharmacyName}
        {transfer.fromPharmacyPhone ? `, ${transfer.fromPharmacyPhone}` : ''} · asked{' '}
        {formatInstant(transfer.createdAt)} · {TRANSFER_STATUS_LABELS[transfer.status]}
      </p>
      {src ? (
        <p>
          On file: {src.drugName} (NDC {src.ndc}), {src.quantity} for {src.daysSupply} days,{' '}
          {src.refillsRemaining} refills left, by {src.prescriberName}
          {src.lastFillDate ? `, last filled ${formatDate(src.lastFillDate)}` : ''}. Leave fields empty to
          keep these.
        </p>
      ) : null}
      {transfer.resolutionNote ? <p>{transfer.resolutionNote}</p> : null}
      {open ? (
        <details>
          <summary>Work on this transfer</summary>
          <ActionError error={start.error} heading="That did not work" />
          {transfer.status === 'requested' ? (
            <Button size="small" onClick={() => start.mutate()} disabled={start.isPending}>
              I am contacting the pharmacy
            </Button>
          ) : null}
          <div className="hd-actions">
            <CompleteForm transfer={transfer} onDone={refresh} />
            <ReasonForm
              url={`/api/home-delivery/transfers/${transfer.id}/reject`}
              onDone={refresh}
              className="hd-action"
              aria-label="Reject"
              heading="Reject"
              label="Reason the member will see"
              pending="Rejecting…"
              submit="Reject transfer"
            />
          </div>
        </details>
      ) : null}
    </li>
  );
}

function Transfers() {
  const [status, setStatus] = useState<Status>('requested');
  const list = useQuery({
    queryKey: ['home-delivery', 'transfers', status],
    queryFn: () =>
      getJson<{ transfers: StaffTransferView[] }>(`/api/home-delivery/transfers?status=${status}`),
  });
  return (
    <>
      <StatusTabs
        legend="Transfer queue"
        statuses={STATUSES}
        label={(s) => TRANSFER_STATUS_LABELS[s].split(':')[0] ?? s}
        value={status}
        onChange={setStatus}
      />
      <QueryBoundary query={list} what="transfers">
        {({ transfers }) => (
          <CardList
            items={transfers}
            itemKey={(x) => x.id}
            card={(x) => <TransferCard transfer={x} />}
            empty={{ heading: 'Nothing here', text: 'No transfers with this status.' }}
          />
        )}
      </QueryBoundary>
    </>
  );
}

export function StaffTransfersPage() {
  return (
    <HomeDeliveryConsolePage
      title="Transfers"
      heading="Transfer requests"
      lead="Prescriptions members asked to move to home delivery."
      purpose="transfer requests"
    >
      <Transfers />
    </HomeDeliveryConsolePage>
  );
}
