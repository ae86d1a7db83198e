import { Alert } from '@cmsgov/design-system';
import { declineRequest, type PrescriberRequestView } from '@openpbm/shared/transfers';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import '../../../styles/pharmacy.css';

function RequestCard({ request }: { request: PrescriberRequestView }) {
  const client = useQueryClient();
  const form = useZodForm(declineRequest, { defaultValues: { reason: '' } });
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
      <Form
        form={form}
        aria-label={`Decline the request for ${request.patientName}`}
        onSubmit={async (body) => {
          await postJson<void>(`/api/prescriber/requests/${request.id}/decline`, body);
          await client.invalidateQueries({ queryKey: ['prescriber', 'requests'] });
        }}
      >
        <Field name="reason" label="Or decline, with a reason for the patient" />
        <SubmitButton variation="ghost" size="small" pending="Declining…">
          Decline
        </SubmitButton>
      </Form>
    </li>
  );
}

function Requests() {
  const list = useQuery({
    queryKey: ['prescriber', 'requests'],
    queryFn: () => getJson<{ requests: PrescriberRequestView[] }>('/api/prescriber/requests'),
  });
  return (
    <QueryBoundary query={list} what="requests">
      {(data) => {
        if (data.requests.length === 0) {
          return (
            <Alert heading="No open requests" headingLevel="2">
              <p>None of your patients is waiting for a renewal.</p>
            </Alert>
          );
        }
        return (
          <ul className="rx-list">
            {data.requests.map((r) => (
              <RequestCard key={r.id} request={r} />
            ))}
          </ul>
        );
      }}
    </QueryBoundary>
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
