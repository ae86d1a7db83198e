import { Alert, Button, TextField } from '@cmsgov/design-system';
import type { StaffContactRequestView } from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { formatInstant } from '../../../components/format/dates';
import { Loading, PharmacyGate } from '../../members/pharmacy/PharmacyGate';
import { StaffNav } from './StaffNav';
import '../../members/pharmacy/pharmacy.css';

function RequestCard({ request }: { request: StaffContactRequestView }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const close = useMutation({
    mutationFn: () => postJson<void>(`/api/home-delivery/contact-requests/${request.id}/close`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['home-delivery', 'contact-requests'] }),
  });
  return (
    <li className="rx-card">
      <h3 className="rx-card__name">{request.drugDescription}</h3>
      <p className="rx-card__for">
        {request.memberName} · {request.prescriberName} · asked {formatInstant(request.createdAt)}
      </p>
      <p className="rx-hint">
        Prescribers in our directory see this request in their portal and answer with a new e-prescription.
      </p>
      <TextField
        name="reason"
        label="What the doctor’s office said (closes the request)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button
        size="small"
        className="ds-u-margin-top--1"
        disabled={reason.trim().length < 3 || close.isPending}
        onClick={() => close.mutate()}
      >
        Close request
      </Button>
      {close.error ? <p className="ds-c-inline-error">{close.error.message}</p> : null}
    </li>
  );
}

function Requests() {
  const list = useQuery({
    queryKey: ['home-delivery', 'contact-requests'],
    queryFn: () => getJson<{ requests: StaffContactRequestView[] }>('/api/home-delivery/contact-requests'),
  });
  if (list.isPending) return <Loading what="requests" />;
  if (list.error) return <LoadError error={list.error} what="requests" />;
  if (list.data.requests.length === 0) {
    return (
      <Alert heading="No open requests" headingLevel="2">
        <p>Members have no open requests to contact a doctor.</p>
      </Alert>
    );
  }
  return (
    <ul className="rx-list">
      {list.data.requests.map((r) => (
        <RequestCard key={r.id} request={r} />
      ))}
    </ul>
  );
}

export function StaffRequestsPage() {
  return (
    <Page title="Doctor requests" eyebrow="Home-delivery pharmacy" heading="Requests to contact prescribers">
      <PharmacyGate purpose="doctor requests" roles={['pharmacy_staff']}>
        <StaffNav />
        <Requests />
      </PharmacyGate>
    </Page>
  );
}
