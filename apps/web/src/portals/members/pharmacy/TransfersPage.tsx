import { Alert, Badge, Button, ChoiceList, TextField } from '@cmsgov/design-system';
import type { PrescriptionsResponse } from '@openpbm/shared/pharmacy';
import { TRANSFER_STATUS_LABELS, type TransferCandidate, type TransferView } from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

const KEY = ['pharmacy', 'transfers'];

function RequestForm({ preselected }: { preselected?: string }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<'list' | 'claims' | 'manual'>('list');
  const [choice, setChoice] = useState(preselected ?? '');
  const [manual, setManual] = useState({
    pharmacyName: '',
    pharmacyPhone: '',
    rxNumber: '',
    drugDescription: '',
  });
  const retail = useQuery({
    queryKey: ['pharmacy', 'prescriptions', 'retail'],
    queryFn: () => postJson<PrescriptionsResponse>('/api/prescriptions/search', { status: 'current' }),
    select: (data) => data.prescriptions.filter((rx) => rx.canTransferToHomeDelivery),
  });
  const candidates = useQuery({
    queryKey: ['pharmacy', 'transfer-candidates'],
    queryFn: () => getJson<{ candidates: TransferCandidate[] }>('/api/transfers/candidates'),
    enabled: mode === 'claims',
  });
  const send = useMutation({
    mutationFn: () =>
      postJson<TransferView>(
        '/api/transfers',
        mode === 'list'
          ? { source: 'prescription', prescriptionId: choice }
          : mode === 'claims'
            ? { source: 'claim', claimId: choice }
            : {
                source: 'manual',
                ...manual,
                pharmacyPhone: manual.pharmacyPhone || undefined,
              },
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      void client.invalidateQueries({ queryKey: ['pharmacy', 'prescriptions'] });
      setChoice('');
      setManual({ pharmacyName: '', pharmacyPhone: '', rxNumber: '', drugDescription: '' });
    },
  });
  const errors = send.error instanceof ApiError ? send.error.fieldErrors() : {};
  return (
    <div className="rx-card-form">
      <ChoiceList
        type="radio"
        name="mode"
        label="Which prescription"
        choices={[
          { value: 'list', label: 'One from my prescriptions', checked: mode === 'list' },
          { value: 'claims', label: 'One I filled recently (from my claims)', checked: mode === 'claims' },
          { value: 'manual', label: 'I will enter the pharmacy and Rx number', checked: mode === 'manual' },
        ]}
        onChange={(e) => {
          setMode(e.target.value as 'list' | 'claims' | 'manual');
          setChoice('');
        }}
      />
      {mode === 'list' ? (
        retail.isPending ? (
          <Loading what="prescriptions" />
        ) : retail.data?.length ? (
          <ChoiceList
            type="radio"
            name="prescriptionId"
            label="Prescription at a retail pharmacy"
            choices={retail.data.map((rx) => ({
              value: rx.id,
              label: `${rx.drugName} for ${rx.memberName}, Rx ${rx.rxNumber} at ${rx.pharmacy.name}`,
              checked: choice === rx.id,
            }))}
            onChange={(e) => setChoice(e.target.value)}
          />
        ) : (
          <p>None of your prescriptions on file is at a retail pharmacy.</p>
        )
      ) : null}
      {mode === 'claims' ? (
        candidates.isPending ? (
          <Loading what="recent fills" />
        ) : candidates.data?.candidates.length ? (
          <ChoiceList
            type="radio"
            name="claimId"
            label="Recent fill"
            choices={candidates.data.candidates.map((c) => ({
              value: c.claimId,
              label: `${c.drugName} for ${c.memberName}, Rx ${c.rxNumber} at ${c.pharmacyName}, filled ${formatDate(c.lastFillDate)}`,
              checked: choice === c.claimId,
            }))}
            onChange={(e) => setChoice(e.target.value)}
          />
        ) : (
          <p>No retail fills in your claims history.</p>
        )
      ) : null}
      {mode === 'manual'
        ? (['pharmacyName', 'pharmacyPhone', 'rxNumber', 'drugDescription'] as const).map((field) => (
            <TextField
              key={field}
              name={field}
              label={
                {
                  pharmacyName: 'Pharmacy name',
                  pharmacyPhone: 'Pharmacy phone (optional)',
                  rxNumber: 'Rx number on the label',
                  drugDescription: 'Medicine',
                }[field]
              }
              value={manual[field]}
              errorMessage={errors[field]}
              onChange={(e) => setManual({ ...manual, [field]: e.target.value })}
            />
          ))
        : null}
      <Button
        className="ds-u-margin-top--2"
        variation="solid"
        disabled={send.isPending || (mode !== 'manual' && !choice)}
        onClick={() => send.mutate()}
      >
        Request transfer
      </Button>
      {send.error && Object.keys(errors).length === 0 ? (
        <Alert variation="error" heading="The transfer was not requested" headingLevel="3" role="alert">
          <p>{send.error.message}</p>
        </Alert>
      ) : null}
      {send.isSuccess ? (
        <Alert variation="success" heading="Transfer requested" headingLevel="3" role="status">
          <p>We will contact the pharmacy and let you know.</p>
        </Alert>
      ) : null}
    </div>
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
  if (list.isPending) return <Loading what="transfers" />;
  if (list.error) return <LoadError error={list.error} what="your transfers" />;
  if (list.data.transfers.length === 0) return <p>No transfers yet.</p>;
  return (
    <ul className="rx-list">
      {list.data.transfers.map((x) => (
        <li key={x.id} className="rx-card">
          <div className="rx-card__head">
            <h3 className="rx-card__name">{x.drugDescription}</h3>
            <Badge
              variation={x.status === 'completed' ? 'success' : x.status === 'rejected' ? 'alert' : 'info'}
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
              Cancel transfer<span className="ds-u-visibility--screen-reader"> of {x.drugDescription}</span>
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
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
