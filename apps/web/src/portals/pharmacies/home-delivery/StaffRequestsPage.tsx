import { Alert } from '@cmsgov/design-system';
import { declineRequest, type StaffContactRequestView } from '@openpbm/shared/transfers';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import { StaffNav } from './StaffNav';
import '../../../styles/pharmacy.css';

function RequestCard({ request }: { request: StaffContactRequestView }) {
  const client = useQueryClient();
  const form = useZodForm(declineRequest, { defaultValues: { reason: '' } });
  return (
    <li className="rx-card">
      <h3 className="rx-card__name">{request.drugDescription}</h3>
      <p className="rx-card__for">
        {request.memberName} · {request.prescriberName} · asked {formatInstant(request.createdAt)}
      </p>
      <p className="rx-hint">
        Prescribers in our directory see this request in their portal and answer with a new e-prescription.
      </p>
      <Form
        form={form}
        aria-label={`Close the request for ${request.memberName}`}
        onSubmit={async (body) => {
          await postJson<void>(`/api/home-delivery/contact-requests/${request.id}/close`, body);
          await client.invalidateQueries({ queryKey: ['home-delivery', 'contact-requests'] });
        }}
      >
        <Field name="reason" label="What the doctor’s office said (closes the request)" />
        <SubmitButton variation="outline" size="small" pending="Closing…">
          Close request
        </SubmitButton>
      </Form>
    </li>
  );
}

function Requests() {
  const list = useQuery({
    queryKey: ['home-delivery', 'contact-requests'],
    queryFn: () => getJson<{ requests: StaffContactRequestView[] }>('/api/home-delivery/contact-requests'),
  });
  return (
    <QueryBoundary query={list} what="requests">
      {(data) => {
        if (data.requests.length === 0) {
          return (
            <Alert heading="No open requests" headingLevel="2">
              <p>Members have no open requests to contact a doctor.</p>
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
