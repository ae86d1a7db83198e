import {
  Alert,
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@cmsgov/design-system';
import type { PrescriberPrescriptionView, PrescriberRequestView } from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, getJson, newIdempotencyKey, postIdempotent } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { ErrorSummary } from '../../../components/form/ErrorSummary';
import { formatDate } from '../../../components/format/dates';
import { Loading, PharmacyGate } from '../../members/pharmacy/PharmacyGate';
import '../../members/pharmacy/pharmacy.css';

const FIELDS = [
  ['memberNumber', 'Member ID (from the patient’s card)', 'patient.memberNumber'],
  ['dateOfBirth', 'Date of birth (YYYY-MM-DD)', 'patient.dateOfBirth'],
  ['ndc', 'NDC (11 digits)', 'ndc'],
  ['quantity', 'Quantity', 'quantity'],
  ['daysSupply', 'Days supply', 'daysSupply'],
  ['directions', 'Directions (sig)', 'directions'],
  ['refills', 'Refills', 'refills'],
  ['pharmacyNcpdpId', 'Pharmacy NCPDP ID (leave empty for home delivery)', 'pharmacyNcpdpId'],
] as const;

type Form = Record<(typeof FIELDS)[number][0], string>;
const empty: Form = {
  memberNumber: '',
  dateOfBirth: '',
  ndc: '',
  quantity: '',
  daysSupply: '',
  directions: '',
  refills: '0',
  pharmacyNcpdpId: '',
};

function NewPrescription({ request }: { request?: PrescriberRequestView }) {
  const client = useQueryClient();
  const [form, setForm] = useState<Form>(
    request
      ? {
          ...empty,
          memberNumber: request.memberNumber,
          dateOfBirth: request.patientDateOfBirth,
          ndc: request.previous?.ndc ?? '',
          quantity: request.previous ? String(request.previous.quantity) : '',
          daysSupply: request.previous ? String(request.previous.daysSupply) : '',
          directions: request.previous?.directions ?? '',
        }
      : empty,
  );
  const [key, setKey] = useState(newIdempotencyKey);
  const send = useMutation({
    mutationFn: () =>
      postIdempotent<PrescriberPrescriptionView>(
        '/api/prescriber/prescriptions',
        {
          patient: { memberNumber: form.memberNumber.trim(), dateOfBirth: form.dateOfBirth.trim() },
          ndc: form.ndc.trim(),
          quantity: Number(form.quantity),
          daysSupply: Number(form.daysSupply),
          directions: form.directions,
          refills: Number(form.refills),
          ...(form.pharmacyNcpdpId.trim() ? { pharmacyNcpdpId: form.pharmacyNcpdpId.trim() } : {}),
          ...(request ? { contactRequestId: request.id } : {}),
        },
        key,
      ),
    onSuccess: () => {
      setKey(newIdempotencyKey());
      void client.invalidateQueries({ queryKey: ['prescriber'] });
    },
  });
  const errors = send.error instanceof ApiError ? send.error.fieldErrors() : {};
  return (
    <form
      className="rx-card-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <ErrorSummary
        errors={Object.entries(errors).map(([field, message]) => ({
          fieldId: `erx-${field.replace('patient.', '')}`,
          message,
        }))}
      />
      {send.error && Object.keys(errors).length === 0 ? (
        <Alert variation="error" heading="The prescription was not sent" headingLevel="3" role="alert">
          <p>{send.error.message}</p>
        </Alert>
      ) : null}
      {send.isSuccess ? (
        <Alert variation="success" heading="Prescription sent" headingLevel="3" role="status">
          <p>
            Rx {send.data.rxNumber} for {send.data.patientName}: {send.data.drugName}, to{' '}
            {send.data.pharmacyName}. Valid through {formatDate(send.data.expiryDate)}.
          </p>
        </Alert>
      ) : null}
      {FIELDS.map(([field, label, errorKey]) => (
        <TextField
          key={field}
          id={`erx-${field}`}
          name={field}
          label={label}
          value={form[field]}
          errorMessage={errors[errorKey]}
          onChange={(e) => setForm({ ...form, [field]: e.target.value })}
        />
      ))}
      <Button type="submit" variation="solid" className="ds-u-margin-top--2" disabled={send.isPending}>
        Send prescription
      </Button>
    </form>
  );
}

function Recent() {
  const list = useQuery({
    queryKey: ['prescriber', 'prescriptions'],
    queryFn: () => getJson<{ prescriptions: PrescriberPrescriptionView[] }>('/api/prescriber/prescriptions'),
  });
  if (list.isPending) return <Loading what="prescriptions" />;
  if (list.error) return <LoadError error={list.error} what="your prescriptions" />;
  if (list.data.prescriptions.length === 0) return <p>You have not sent any prescriptions yet.</p>;
  return (
    <Table stackable stackableBreakpoint="md">
      <TableCaption>Prescriptions you sent recently</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Rx</TableCell>
          <TableCell>Patient</TableCell>
          <TableCell>Drug</TableCell>
          <TableCell>Pharmacy</TableCell>
          <TableCell>Written</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {list.data.prescriptions.map((p) => (
          <TableRow key={p.id}>
            <TableCell stackedTitle="Rx">{p.rxNumber}</TableCell>
            <TableCell stackedTitle="Patient">{p.patientName}</TableCell>
            <TableCell stackedTitle="Drug">
              {p.drugName}, {p.quantity} for {p.daysSupply} days, {p.refills} refills
            </TableCell>
            <TableCell stackedTitle="Pharmacy">{p.pharmacyName}</TableCell>
            <TableCell stackedTitle="Written">{formatDate(p.writtenDate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function EprescribePage() {
  const search = useSearch({ from: '/prescribers/eprescribe' }) as { request?: string };
  const requests = useQuery({
    queryKey: ['prescriber', 'requests'],
    queryFn: () => getJson<{ requests: PrescriberRequestView[] }>('/api/prescriber/requests'),
    enabled: Boolean(search.request),
  });
  const request = requests.data?.requests.find((r) => r.id === search.request);
  return (
    <Page
      title="New prescription"
      eyebrow="For prescribers"
      heading="Send a new prescription"
      lead="Sent electronically to the member’s home-delivery pharmacy unless you name another pharmacy."
    >
      <PharmacyGate purpose="e-prescribing" roles={['prescriber']}>
        <p>
          <Link to="/prescribers/renewals">Renewal requests from your patients</Link>
        </p>
        <Section heading={request ? `Renewal for ${request.patientName}` : 'New prescription'}>
          {search.request && requests.isPending ? (
            <Loading what="the request" />
          ) : (
            <NewPrescription key={request?.id ?? 'new'} request={request} />
          )}
        </Section>
        <Section heading="Recently sent">
          <Recent />
        </Section>
      </PharmacyGate>
    </Page>
  );
}
