import type { PrescriberRequestView } from '@openpbm/shared/transfers';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { FetchedCardList } from '../../../components/content/CardList';
import { Page } from '../../../components/content/Page';
import { ReasonForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import '../../../styles/pharmacy.css';

const REQUESTS = ['prescriber', 'requests'];

function RequestCard({ request }: { request: PrescriberRequestView }) {
  const client = useQueryClient();
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
      <ReasonForm
        url={`/api/prescriber/requests/${request.id}/decline`}
        onDone={() => client.invalidateQueries({ queryKey: REQUESTS })}
        aria-label={`Decline the request for ${request.patientName}`}
        label="Or decline, with a reason for the patient"
        size="small"
        pending="Declining…"
        submit="Decline"
      />
    </li>
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
        <FetchedCardList
          queryKey={REQUESTS}
          url="/api/prescriber/requests"
          pick={(data: { requests: PrescriberRequestView[] }) => data.requests}
          what="requests"
          itemKey={(r) => r.id}
          card={(r) => <RequestCard request={r} />}
          empty={{ heading: 'No open requests', text: 'None of your patients is waiting for a renewal.' }}
        />
      </PharmacyGate>
    </Page>
  );
}
