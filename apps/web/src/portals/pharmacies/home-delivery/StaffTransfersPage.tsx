import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type StaffTransferView, TRANSFER_STATUS_LABELS } from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { Loading, PharmacyGate } from '../../members/pharmacy/PharmacyGate';
import { StaffNav } from './StaffNav';
import '../../members/pharmacy/pharmacy.css';

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

function TransferCard({ transfer }: { transfer: StaffTransferView }) {
  const client = useQueryClient();
  const [form, setForm] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: object }) =>
      postJson<StaffTransferView>(`/api/home-delivery/transfers/${transfer.id}/${path}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['home-delivery', 'transfers'] }),
  });
  const errors = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const body = Object.fromEntries(
    Object.entries(form)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, NUMERIC.has(k) ? Number(v) : v.trim()]),
  );
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
      {act.error && Object.keys(errors).length === 0 ? (
        <p className="ds-c-inline-error">{act.error.message}</p>
      ) : null}
      {open ? (
        <details>
          <summary>Work on this transfer</summary>
          {transfer.status === 'requested' ? (
            <Button size="small" onClick={() => act.mutate({ path: 'start', body: {} })}>
              I am contacting the pharmacy
            </Button>
          ) : null}
          <div className="hd-actions">
            <div className="hd-action">
              <h4>Complete</h4>
              {FIELDS.map(([field, label]) => (
                <TextField
                  key={field}
                  name={field}
                  label={label}
                  value={form[field] ?? ''}
                  errorMessage={errors[field]}
                  onChange={(e) => setForm({ ...form, [field]: e.target.value })}
                />
              ))}
              <Button
                variation="solid"
                className="ds-u-margin-top--2"
                onClick={() => act.mutate({ path: 'complete', body })}
              >
                Complete transfer
              </Button>
            </div>
            <div className="hd-action">
              <h4>Reject</h4>
              <TextField
                name="reason"
                label="Reason the member will see"
                value={reason}
                errorMessage={errors.reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button variation="ghost" onClick={() => act.mutate({ path: 'reject', body: { reason } })}>
                Reject transfer
              </Button>
            </div>
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
      <fieldset className="hd-tabs">
        <legend className="ds-u-visibility--screen-reader">Transfer queue</legend>
        {STATUSES.map((s) => (
          <Button key={s} size="small" aria-pressed={s === status} onClick={() => setStatus(s)}>
            {TRANSFER_STATUS_LABELS[s].split(':')[0]}
          </Button>
        ))}
      </fieldset>
      {list.isPending ? <Loading what="transfers" /> : null}
      {list.error ? <LoadError error={list.error} what="transfers" /> : null}
      {list.data ? (
        list.data.transfers.length === 0 ? (
          <Alert heading="Nothing here" headingLevel="2">
            <p>No transfers with this status.</p>
          </Alert>
        ) : (
          <ul className="rx-list">
            {list.data.transfers.map((x) => (
              <TransferCard key={x.id} transfer={x} />
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}

export function StaffTransfersPage() {
  return (
    <Page
      title="Transfers"
      eyebrow="Home-delivery pharmacy"
      heading="Transfer requests"
      lead="Prescriptions members asked to move to home delivery."
    >
      <PharmacyGate purpose="transfer requests" roles={['pharmacy_staff']}>
        <StaffNav />
        <Transfers />
      </PharmacyGate>
    </Page>
  );
}
