import { Alert } from '@cmsgov/design-system';
import type { MemberDashboard, MemberHome } from '@openpbm/shared/dashboard';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useDashboard } from '../../../app/useDashboard';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { CardGrid } from '../../../components/content/CardGrid';
import { FeatureCard } from '../../../components/content/FeatureCard';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { formatDate } from '../../../components/format/dates';
import { PaidSoFar } from '../benefits/PaidSoFar';
import '../benefits/members.css';
import './member-home.css';

/** The member's home: what needs them now, for themselves and each family member they manage. */
export function MemberHomePage() {
  const dashboard = useDashboard<MemberDashboard>('member');
  return (
    <Page
      title="Home"
      eyebrow="For members"
      heading="Your home"
      lead="What needs your attention now, for you and the family members you manage."
      actions={<ButtonLink to="/members/id-card">Show my ID card</ButtonLink>}
    >
      <QueryBoundary query={dashboard} what="your home page">
        {(d) => (
          <>
            {d.unreadMessages.count > 0 ? (
              <Alert
                heading={`You have ${d.unreadMessages.count} unread secure ${d.unreadMessages.count === 1 ? 'message' : 'messages'}`}
                headingLevel="2"
                className="member-home__messages"
              >
                <ul>
                  {d.unreadMessages.latest.map((m) => (
                    <li key={m.id}>{m.subject}</li>
                  ))}
                </ul>
                <Link to="/members/messages">Read your messages</Link>
              </Alert>
            ) : (
              <p className="member-home__messages">
                No unread secure messages. <Link to="/members/messages">Open your messages</Link>
              </p>
            )}
            {d.members.map((member) => (
              <MemberSection key={member.memberId} member={member} />
            ))}
            {d.notice ? <p className="member-home__notice">{d.notice}</p> : null}
          </>
        )}
      </QueryBoundary>
    </Page>
  );
}

const none = (text: string) => <p className="member-home__empty">{text}</p>;

function Tile({ title, children, link }: { title: string; children: ReactNode; link: ReactNode }) {
  return (
    <FeatureCard title={title} action={link}>
      {children}
    </FeatureCard>
  );
}

function MemberSection({ member }: { member: MemberHome }) {
  const self = member.relationship === 'self';
  const name = `${member.firstName} ${member.lastName}`;
  return (
    <Section heading={self ? 'For you' : `For ${name}`}>
      <CardGrid columns={2}>
        <Tile title="Refills due" link={<Link to="/members/prescriptions">All prescriptions</Link>}>
          {member.refillsDue.length === 0 ? (
            none('No refills are due.')
          ) : (
            <ul className="member-home__list">
              {member.refillsDue.map((rx) => (
                <li key={rx.prescriptionId}>
                  {rx.drugName} <span className="member-home__meta">Rx {rx.rxNumber}</span>{' '}
                  {rx.canRefill ? (
                    <Link to="/members/refill" search={{ rx: rx.prescriptionId }}>
                      Refill {rx.drugName}
                    </Link>
                  ) : (
                    <span className="member-home__meta">(view only)</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Tile>
        <Tile title="Orders on the way" link={<Link to="/members/orders">All orders</Link>}>
          {member.ordersInProgress.length === 0 ? (
            none('No home-delivery orders are on the way.')
          ) : (
            <ul className="member-home__list">
              {member.ordersInProgress.map((o) => (
                <li key={o.id}>
                  <Link to="/members/orders/$orderId" params={{ orderId: o.id }}>
                    {o.orderNumber}
                  </Link>
                  : <strong>{o.statusLabel}</strong>
                  {o.estimatedDeliveryDate ? `, arriving by ${formatDate(o.estimatedDeliveryDate)}` : ''}
                </li>
              ))}
            </ul>
          )}
        </Tile>
        <Tile
          title="Prior authorizations"
          link={<Link to="/members/prior-auth">All requests and decisions</Link>}
        >
          {member.priorAuthorizations.length === 0 ? (
            none('No open requests or recent decisions.')
          ) : (
            <ul className="member-home__list">
              {member.priorAuthorizations.map((c) => (
                <li key={c.id}>
                  <strong>{c.drugName}</strong>: {c.statusLabel}
                  {c.decidedOn ? ` on ${formatDate(c.decidedOn)}` : ''}. {c.summary}
                </li>
              ))}
            </ul>
          )}
        </Tile>
        <Tile
          title="Deductible and out-of-pocket"
          link={<Link to="/members/claims">Claims and receipts</Link>}
        >
          {member.paidSoFar ? (
            <PaidSoFar summary={member.paidSoFar} who={self ? 'you' : member.firstName} />
          ) : (
            none('No plan year to show yet.')
          )}
        </Tile>
      </CardGrid>
    </Section>
  );
}
