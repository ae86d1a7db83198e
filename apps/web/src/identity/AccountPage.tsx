import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Page } from '../components/content/Page';
import { QueryBoundary } from '../components/content/QueryBoundary';
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
        <QueryBoundary query={account} what="your account">
          {(data) => (
            <>
              {children(data)}
              {home ? null : (
                <p className="ds-u-margin-top--4">
                  <Link to="/account">Back to my account</Link>
                </p>
              )}
            </>
          )}
        </QueryBoundary>
      </div>
    </Page>
  );
}
