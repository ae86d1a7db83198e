import { Alert } from '@cmsgov/design-system';
import type { ReactNode } from 'react';
import { useSession } from '../../identity/session';
import { ButtonLink } from '../content/ButtonLink';
import { Loading } from '../content/Loading';

interface PharmacyGateProps {
  /** What the page shows once signed in, e.g. "your prescriptions". */
  purpose: string;
  /** Roles that may use the page (default: members). */
  roles?: string[];
  children: ReactNode;
}

/**
 * Renders the page body for a signed-in user of one of the roles; otherwise says why not and how to sign in.
 * Used by the pharmacy-account pages of every portal (members, home-delivery staff, prescribers' e-prescribing).
 */
export function PharmacyGate({ purpose, roles = ['member'], children }: PharmacyGateProps) {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (!session.data?.signedIn) {
    return (
      <Alert heading={`Sign in to see ${purpose}`} headingLevel="2">
        <p>This page shows information from your pharmacy account, so you need to be signed in.</p>
        <ButtonLink to="/sign-in" className="ds-u-margin-top--2">
          Sign in
        </ButtonLink>
      </Alert>
    );
  }
  if (!roles.includes(session.data.user?.role ?? '')) {
    return (
      <Alert heading="This page is not for your account" headingLevel="2" variation="warn">
        <p>You are signed in with an account that cannot use this page.</p>
      </Alert>
    );
  }
  return <>{children}</>;
}
