import { Alert, Button } from '@cmsgov/design-system';
import type { IdCard } from '@openpbm/shared/id-card';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keepLoadedResourcesOffline } from '../../../app/service-worker';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { Page } from '../../../components/content/Page';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { useSession } from '../../../identity/session';
import { getJson } from './api';
import { formatPhone } from './format';
import { Loading } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

// The installed app keeps the last card it showed (Cache Storage, deleted by the service worker at sign-out), so
// the card opens in a pharmacy without a connection.
const OFFLINE_CACHE = 'openpbm-member-offline';
const OFFLINE_KEY = '/offline/id-cards';

interface SavedCards {
  savedAt: string;
  cards: IdCard[];
}

async function saveOffline(cards: IdCard[]): Promise<void> {
  if (!('caches' in window)) return;
  const body: SavedCards = { savedAt: new Date().toISOString(), cards };
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.put(
    OFFLINE_KEY,
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
  );
}

async function loadOffline(): Promise<SavedCards | null> {
  if (!('caches' in window)) return null;
  const cache = await caches.open(OFFLINE_CACHE);
  const hit = await cache.match(OFFLINE_KEY);
  return hit ? ((await hit.json()) as SavedCards) : null;
}

export function MemberIdCard({ card }: { card: IdCard }) {
  return (
    <article className="id-card" aria-label={`Member ID card for ${card.memberName}`}>
      <header className="id-card__top">
        <span className="id-card__brand">OpenPBM</span>
        <span className="id-card__plan">{card.planName}</span>
      </header>
      <p className="id-card__name">{card.memberName}</p>
      <dl className="id-card__fields">
        <div>
          <dt>Member ID</dt>
          <dd className="rx-mono">{card.memberNumber}</dd>
        </div>
        <div>
          <dt>Person code</dt>
          <dd className="rx-mono">{card.personCode}</dd>
        </div>
        <div>
          <dt>Group</dt>
          <dd className="rx-mono">{card.groupNumber}</dd>
        </div>
        <div>
          <dt>RxBIN</dt>
          <dd className="rx-mono">{card.bin}</dd>
        </div>
        <div>
          <dt>RxPCN</dt>
          <dd className="rx-mono">{card.pcn}</dd>
        </div>
        <div>
          <dt>RxGroup</dt>
          <dd className="rx-mono">{card.rxGroup}</dd>
        </div>
      </dl>
      <footer className="id-card__bottom">
        <span>
          {card.sponsorName} · {card.groupName}
        </span>
        <span>
          Member services:{' '}
          <a href={`tel:${card.customerServicePhone}`}>{formatPhone(card.customerServicePhone)}</a>
        </span>
        <span>
          Covered since {formatDate(card.coverageStart)}
          {card.coverageEnd ? ` through ${formatDate(card.coverageEnd)}` : ''}
        </span>
      </footer>
    </article>
  );
}

function Cards() {
  const session = useSession();
  const cards = useQuery({
    queryKey: ['pharmacy', 'id-cards'],
    queryFn: () => getJson<{ cards: IdCard[] }>('/api/id-card'),
    enabled: Boolean(session.data?.signedIn && session.data.user?.role === 'member'),
    retry: false,
    networkMode: 'always',
  });
  const [saved, setSaved] = useState<SavedCards | null>(null);
  const [checkedOffline, setCheckedOffline] = useState(false);

  useEffect(() => {
    if (cards.data) {
      void saveOffline(cards.data.cards);
      keepLoadedResourcesOffline();
    }
  }, [cards.data]);
  const offline = session.isError || cards.isError || (typeof navigator !== 'undefined' && !navigator.onLine);
  useEffect(() => {
    if (offline && !checkedOffline) {
      void loadOffline().then((copy) => {
        setSaved(copy);
        setCheckedOffline(true);
      });
    }
  }, [offline, checkedOffline]);

  if (cards.data) {
    return (
      <>
        {cards.data.cards.length === 0 ? <p>No active coverage today.</p> : null}
        <div className="id-card-list">
          {cards.data.cards.map((card) => (
            <MemberIdCard key={card.memberId} card={card} />
          ))}
        </div>
        <p className="no-print">
          <Button onClick={() => window.print()}>Print or save as PDF</Button>
        </p>
        <p className="rx-hint no-print">
          This card is saved on this device so you can show it without a connection.
        </p>
      </>
    );
  }
  if (offline) {
    if (!checkedOffline) return <Loading what="your saved card" />;
    if (!saved) {
      return (
        <Alert variation="warn" heading="You are offline" headingLevel="2">
          <p>Open this page once while connected to keep a copy of your card on this device.</p>
        </Alert>
      );
    }
    return (
      <>
        <Alert variation="warn" heading="You are offline" headingLevel="2" className="no-print" role="status">
          <p>This is the copy saved on {formatInstant(saved.savedAt)}.</p>
        </Alert>
        <div className="id-card-list">
          {saved.cards.map((card) => (
            <MemberIdCard key={card.memberId} card={card} />
          ))}
        </div>
      </>
    );
  }
  if (session.isPending || cards.isPending) {
    if (session.data && !session.data.signedIn) {
      return (
        <Alert heading="Sign in to see your ID card" headingLevel="2">
          <ButtonLink to="/sign-in">Sign in</ButtonLink>
        </Alert>
      );
    }
    if (session.data?.signedIn && session.data.user?.role !== 'member') {
      return <p>ID cards are for member accounts.</p>;
    }
    return <Loading what="your ID card" />;
  }
  return null;
}

export function IdCardPage() {
  return (
    <Page
      title="Member ID card"
      eyebrow="For members"
      heading="Member ID card"
      lead="Show this card at any pharmacy. It works without a connection in the installed app."
    >
      <div className="no-print">
        <PharmacyNav />
      </div>
      <Cards />
    </Page>
  );
}
