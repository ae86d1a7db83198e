import { Alert, Button, NoteBox } from '@cmsgov/design-system';
import type { IdCard } from '@openpbm/shared/id-card';
import type { LocatorSearchResponse } from '@openpbm/shared/locator';
import type { PrescriptionsResponse } from '@openpbm/shared/pharmacy';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { formatPhone } from '../../../components/format/phone';
import { LocatorResults } from './PharmacyLocatorPage';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

type Near = { nearHome: true } | { latitude: number; longitude: number };

function NearbyOpen() {
  const [near, setNear] = useState<Near | null>(null);
  const search = useQuery({
    queryKey: ['pharmacy', 'open-now', near],
    queryFn: () =>
      postJson<LocatorSearchResponse>('/api/pharmacy-locator/search', {
        ...near,
        radiusMiles: 10,
        openNow: true,
        inNetworkOnly: true,
        limit: 5,
      }),
    enabled: near !== null,
  });
  const here = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setNear({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => setNear({ nearHome: true }),
      { timeout: 10_000 },
    );
  return (
    <>
      <p>In-network pharmacies open right now, within 10 miles.</p>
      <div className="rx-card__actions">
        <Button variation="solid" onClick={() => setNear({ nearHome: true })}>
          Near my home address
        </Button>
        <Button onClick={here}>Near where I am</Button>
      </div>
      {near ? (
        <QueryBoundary query={search} what="pharmacies">
          {(data) => <LocatorResults result={data} />}
        </QueryBoundary>
      ) : null}
    </>
  );
}

function Expedited() {
  const refillable = useQuery({
    queryKey: ['pharmacy', 'prescriptions', 'refillable'],
    queryFn: () =>
      postJson<PrescriptionsResponse>('/api/prescriptions/search', {
        status: 'current',
        refillableOnly: true,
      }),
  });
  return (
    <QueryBoundary query={refillable} what="prescriptions">
      {({ prescriptions }) =>
        prescriptions.length === 0 ? (
          <p>None of your home-delivery prescriptions can be refilled today.</p>
        ) : (
          <ul className="rx-plain-list">
            {prescriptions.map((rx) => (
              <li key={rx.id} className="ds-u-margin-bottom--1">
                <Link to="/members/refill" search={{ rx: rx.id, speed: 'expedited' }}>
                  Refill {rx.drugName} for {rx.memberName} with expedited shipping
                </Link>
              </li>
            ))}
          </ul>
        )
      }
    </QueryBoundary>
  );
}

function Phone() {
  const cards = useQuery({
    queryKey: ['pharmacy', 'id-cards'],
    queryFn: () => getJson<{ cards: IdCard[] }>('/api/id-card'),
  });
  const phone = cards.data?.cards[0]?.customerServicePhone;
  return (
    <NoteBox heading="Talk to us" headingLevel="2">
      <p>
        Member services{' '}
        {phone ? <a href={`tel:${phone}`}>{formatPhone(phone)}</a> : '(the number on your ID card)'} can
        approve an early or emergency supply and help a pharmacy run your claim. A pharmacist can often give a
        few days’ supply while your doctor sends a new prescription.
      </p>
      <p>If this is a medical emergency, call 911.</p>
    </NoteBox>
  );
}

export function UrgentSupplyPage() {
  return (
    <Page
      title="Need medicine today?"
      eyebrow="For members"
      heading="Need medicine today?"
      lead="Running out, traveling, or your delivery is late: the quickest ways to get a supply."
    >
      <PharmacyGate purpose="urgent supply options">
        <PharmacyNav />
        <Alert heading="Running out of a home-delivery medicine?" headingLevel="2">
          <p>
            Pick it up at a nearby in-network pharmacy today, or have a refill shipped with expedited
            delivery.
          </p>
        </Alert>
        <Section heading="Pharmacies open now">
          <NearbyOpen />
        </Section>
        <Section heading="Expedited home delivery">
          <Expedited />
        </Section>
        <Phone />
      </PharmacyGate>
    </Page>
  );
}
