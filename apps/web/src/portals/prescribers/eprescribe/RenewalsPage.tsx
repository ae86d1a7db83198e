import { Alert, Button, TextField } from '@cmsgov/design-system';
import type { PrescriberRequestView } from '@openpbm/shared/transfers';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { Loading, PharmacyGate } from '../../members/pharmacy/PharmacyGate';
import '../../members/pharmacy/pharmacy.css';

function RequestCard({ request }: { request: PrescriberRequestView }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const decline = useMutation({
    mutationFn: () => postJson<void>(`/api/prescriber/requests/${request.id}/decline`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['prescriber', 'requests'] }),
  });
  return (
    <li className="rx-card">
      <h3 className="rx-card__name">{request.drugDescription}</h3>
      <p className="rx-card__for">
        {request.patientName}, born {formatDate(request.patientDateOfBirth)} · member ID{' '}
        {request.memberNumber} · asked {formatInstant(request.createdAt)}
      </p>
      {request.previous ? (
        <p>
          Previous: Rx {request.previous.rxNumber}, NDC {request.previous.ndc}, {request.previous.quantity}{' '}
          for {request.previous.daysSupply} days, “{request.previous.directions}”
        </p>
      ) : null}
      <div className="rx-card__actions">
        <Link
          className="ds-c-button ds-c-button--solid"
          to="/prescribers/eprescribe"
          search={{ request: request.id }}
        >
          Send a new prescription
          <span className="ds-u-visibility--screen-reader"> for {request.patientName}</span>
        </Link>
      </div>
      <TextField
        name="reason"
        label="Or decline, with a reason for the patient"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button
        size="small"
        variation="ghost"
        disabled={reason.trim().length < 3}
        onClick={() => decline.mutate()}
      >
        Decline
      </Button>
    </li>
  );
}

function Requests() {
  const list = useQuery({
    queryKey: ['prescriber', 'requests'],
    queryFn: () => getJson<{ requests: PrescriberRequestView[] }>('/api/prescriber/requests'),
  });
  if (list.isPending) return <Loading what="requests" />;
  if (list.error) return <LoadError error={list.error} what="requests" />;
  if (list.data.requests.length === 0) {
    return (
      <Alert heading="No open requests" headingLevel="2">
        <p>None of your patients is waiting for a renewal.</p>
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

export function RenewalsPage() {
  return (
    <Page
      title="Renewal requests"
      eyebrow="For prescribers"
      heading="Renewal requests"
      lead="Patients whose prescriptions ran out or expired asked home delivery to contact you."
    >
      <PharmacyGate purpose="renewal requests" roles={['prescriber']}>
        <p>
          <Link to="/prescribers/eprescribe">Send a new prescription</Link>
        </p>
        <Requests />
      </PharmacyGate>
    </Page>
  );
}
