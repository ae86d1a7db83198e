import { Alert } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../components/api/client';
import { Page } from '../components/content/Page';
import { useAccount } from './account';
import './identity.css';
import type { AccountOverview } from './types';

/** Frame of every account page: loads the overview, shows "sign in" when signed out. */
export function AccountPage({
  title,
  heading,
  lead,
  children,
  home = false,
}: {
  /** The account home itself: no "back to my account" link. */
  home?: boolean;
  title: string;
  heading: string;
  lead?: ReactNode;
  children: (account: AccountOverview) => ReactNode;
}) {
  const account = useAccount();
  return (
    <Page title={title} heading={heading} eyebrow="My account" lead={lead}>
      <div className="identity-form">
        {account.isPending ? <p role="status">Loading…</p> : null}
        {account.error ? (
          account.error instanceof ApiError && account.error.status === 401 ? (
            <Alert heading="Please sign in" headingLevel="2" role="status">
              Your session has ended or you are not signed in. <Link to="/sign-in">Sign in</Link> to continue.
            </Alert>
          ) : (
            <Alert heading="We couldn’t load your account" headingLevel="2" variation="error" role="alert">
              Please try again later.
            </Alert>
          )
        ) : null}
        {account.data ? children(account.data) : null}
        {account.data && !home ? (
          <p className="ds-u-margin-top--4">
            <Link to="/account">Back to my account</Link>
          </p>
        ) : null}
      </div>
    </Page>
  );
}
