import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { RoleGate } from '../auth/RoleGate';
import { Page } from './Page';

/**
 * A page for one role (staff consoles, prescriber and member work pages): the banner, then the body behind
 * the role gate. `back` adds a link under the body, e.g. back to the console a sub-page was opened from.
 */
export function StaffPage({
  title,
  heading,
  eyebrow,
  lead,
  forRole,
  purpose,
  whySignIn,
  back,
  children,
}: {
  title: string;
  heading: ReactNode;
  eyebrow?: string;
  lead?: ReactNode;
  forRole: string;
  /** What the signed-out or wrong-role visitor is told they cannot open. */
  purpose: string;
  whySignIn?: string;
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <Page title={title} heading={heading} eyebrow={eyebrow} lead={lead}>
      <RoleGate forRole={forRole} purpose={purpose} whySignIn={whySignIn}>
        {children}
      </RoleGate>
      {back ? (
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
      ) : null}
    </Page>
  );
}

/** A page opened from the customer-service console (a member, a case), with the way back to it. */
export function ConsoleSubpage(props: {
  title: string;
  heading: ReactNode;
  purpose: string;
  children: ReactNode;
}) {
  return (
    <StaffPage
      {...props}
      eyebrow="Customer service"
      forRole="customer_service"
      back={{ to: '/staff/customer-service', label: 'Back to the console' }}
    />
  );
}
