import type { StaffContactRequestView } from '@openpbm/shared/transfers';
import { useQueryClient } from '@tanstack/react-query';
import { FetchedCardList } from '../../../components/content/CardList';
import { ReasonForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import { HomeDeliveryConsolePage } from './HomeDeliveryConsolePage';
import '../../../styles/pharmacy.css';

const REQUESTS = ['home-delivery', 'contact-requests'];

function RequestCard({ request }: { request: StaffContactRequestView }) {
  const client = useQueryClient();
  return (
    <li className="rx-card">
      <h3 className="rx-card__name">{request.drugDescription}</h3>
      <p className="rx-card__for">
        {request.memberName} · {request.prescriberName} · asked {formatInstant(request.createdAt)}
      </p>
      <p className="rx-hint">
        Prescribers in our directory see this request in their portal and answer with a new e-prescription.
      </p>
      <ReasonForm
        url={`/api/home-delivery/contact-requests/${request.id}/close`}
        onDone={() => client.invalidateQueries({ queryKey: REQUESTS })}
        aria-label={`Close the request for ${request.memberName}`}
        label="What the doctor’s office said (closes the request)"
        variation="outline"
        size="small"
        pending="Closing…"
        submit="Close request"
      />
    </li>
  );
}

export function StaffRequestsPage() {
  return (
    <HomeDeliveryConsolePage
      title="Doctor requests"
      heading="Requests to contact prescribers"
      purpose="doctor requests"
    >
      <FetchedCardList
        queryKey={REQUESTS}
        url="/api/home-delivery/contact-requests"
        pick={(data: { requests: StaffContactRequestView[] }) => data.requests}
        what="requests"
        itemKey={(r) => r.id}
        card={(r) => <RequestCard request={r} />}
        empty={{ heading: 'No open requests', text: 'Members have no open requests to contact a doctor.' }}
      />
    </HomeDeliveryConsolePage>
  );
}
