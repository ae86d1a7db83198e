import { Alert, Button } from '@cmsgov/design-system';
import type { IdCard } from '@openpbm/shared/id-card';
import { useQuery } from '@tanstack/react-query';
import { useOfflineCopy } from '../../../app/offline-copy';
import { getJson } from '../../../components/api/client';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { OfflineNotice } from '../../../components/content/OfflineNotice';
import { Page } from '../../../components/content/Page';
import { formatDate } from '../../../components/format/dates';
import { useSession } from '../../../identity/session';
import { formatPhone } from './format';
import { Loading } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

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
  // The installed app keeps the last card it showed, so the card opens in a pharmacy without a connection.
  const {
    offline,
    checked: checkedOffline,
    copy: saved,
  } = useOfflineCopy('/offline/id-cards', cards.data?.cards, session.isError || cards.isError);

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
    const howToSave = 'Open this page once while connected to keep a copy of your card on this device.';
    if (!saved) return <OfflineNotice savedAt={null} howToSave={howToSave} />;
    return (
      <>
        <OfflineNotice savedAt={saved.savedAt} howToSave={howToSave} />
        <div className="id-card-list">
          {saved.data.map((card) => (
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
