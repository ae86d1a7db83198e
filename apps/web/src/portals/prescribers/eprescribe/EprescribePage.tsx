import { Alert, Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import {
  type NewPrescriptionRequest,
  newPrescriptionRequest,
  type PrescriberPrescriptionView,
  type PrescriberRequestView,
} from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { getJson, newIdempotencyKey, postIdempotent } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Loading } from '../../../components/content/Loading';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, toNumber, useZodForm } from '../../../components/form';
import { formatDate } from '../../../components/format/dates';
import '../../../styles/pharmacy.css';

const FIELDS = [
  ['patient.memberNumber', 'Member ID (from the patient’s card)'],
  ['patient.dateOfBirth', 'Date of birth (YYYY-MM-DD)'],
  ['ndc', 'NDC (11 digits)'],
  ['quantity', 'Quantity'],
  ['daysSupply', 'Days supply'],
  ['directions', 'Directions (sig)'],
  ['refills', 'Refills'],
  ['pharmacyNcpdpId', 'Pharmacy NCPDP ID (leave empty for home delivery)'],
] as const;

/** What the prescriber types, converted and checked by the shared newPrescriptionRequest schema. */
function prescriptionForm(contactRequestId?: string) {
  return z
    .object({
      patient: z.object({ memberNumber: z.string(), dateOfBirth: z.string() }),
      ndc: z.string(),
      quantity: z.string(),
      daysSupply: z.string(),
      directions: z.string(),
      refills: z.string(),
      pharmacyNcpdpId: z.string(),
    })
    .transform(
      (typed): NewPrescriptionRequest => ({
        patient: {
          memberNumber: typed.patient.memberNumber.trim(),
          dateOfBirth: typed.patient.dateOfBirth.trim(),
        },
        ndc: typed.ndc.trim(),
        quantity: toNumber(typed.quantity),
        daysSupply: toNumber(typed.daysSupply),
        directions: typed.directions,
        refills: toNumber(typed.refills),
        ...(typed.pharmacyNcpdpId.trim() ? { pharmacyNcpdpId: typed.pharmacyNcpdpId.trim() } : {}),
        ...(contactRequestId ? { contactRequestId } : {}),
      }),
    )
    .pipe(newPrescriptionRequest);
}

function NewPrescription({ request }: { request?: PrescriberRequestView }) {
  const client = useQueryClient();
  const form = useZodForm(prescriptionForm(request?.id), {
    defaultValues: {
      patient: { memberNumber: request?.memberNumber ?? '', dateOfBirth: request?.patientDateOfBirth ?? '' },
      ndc: request?.previous?.ndc ?? '',
      quantity: request?.previous ? String(request.previous.quantity) : '',
      daysSupply: request?.previous ? String(request.previous.daysSupply) : '',
      directions: request?.previous?.directions ?? '',
      refills: '0',
      pharmacyNcpdpId: '',
    },
  });
  const [key, setKey] = useState(newIdempotencyKey);
  const send = useMutation({
    mutationFn: (body: NewPrescriptionRequest) =>
      postIdempotent<PrescriberPrescriptionView>('/api/prescriber/prescriptions', body, key),
    onSuccess: () => {
      setKey(newIdempotencyKey());
      void client.invalidateQueries({ queryKey: ['prescriber'] });
    },
  });
  return (
    <Form
      form={form}
      onSubmit={send.mutateAsync}
      id="erx"
      className="rx-card-form"
      aria-label="New prescription"
    >
      {send.isSuccess ? (
        <Alert variation="success" heading="Prescription sent" headingLevel="3" role="status">
          <p>
            Rx {send.data.rxNumber} for {send.data.patientName}: {send.data.drugName}, to{' '}
            {send.data.pharmacyName}. Valid through {formatDate(send.data.expiryDate)}.
          </p>
        </Alert>
      ) : null}
      {FIELDS.map(([name, label]) => (
        <Field key={name} name={name} label={label} />
      ))}
      <SubmitButton pending="Sending…">Send prescription</SubmitButton>
    </Form>
  );
}

function Recent() {
  const list = useQuery({
    queryKey: ['prescriber', 'prescriptions'],
    queryFn: () => getJson<{ prescriptions: PrescriberPrescriptionView[] }>('/api/prescriber/prescriptions'),
  });
  return (
    <QueryBoundary query={list} what="your prescriptions">
      {(data) => {
        if (data.prescriptions.length === 0) return <p>You have not sent any prescriptions yet.</p>;
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
              {data.prescriptions.map((p) => (
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
      }}
    </QueryBoundary>
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
