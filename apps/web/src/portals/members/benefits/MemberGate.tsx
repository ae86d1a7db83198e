import { Alert, Spinner } from '@cmsgov/design-system';
import type { ViewableMember } from '@openpbm/shared/benefits';
import type { ReactNode } from 'react';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { LoadError } from '../../../components/content/LoadError';
import { isSignedOut } from './api';
import { useSession, useViewableMembers } from './hooks';

interface MemberGateProps {
  /** What the member will see once signed in, e.g. "your claims". */
  purpose: string;
  children: (members: ViewableMember[], notice: string | null) => ReactNode;
}

/** Renders the page body for a signed-in member; otherwise says why not and how to sign in. */
export function MemberGate({ purpose, children }: MemberGateProps) {
  const session = useSession();
  const isMember = Boolean(session.data?.signedIn && session.data.user?.role === 'member');
  const members = useViewableMembers(isMember);

  if (session.isPending || (isMember && members.isPending)) {
    return (
      <div className="benefits-loading" role="status">
        <Spinner aria-valuetext="Loading" /> Loading…
      </div>
    );
  }
  if (!session.data?.signedIn || isSignedOut(members.error)) {
    return (
      <Alert heading={`Sign in to see ${purpose}`} headingLevel="2">
        <p>This page shows information from your pharmacy plan, so you need to be signed in.</p>
        <ButtonLink to="/sign-in" className="ds-u-margin-top--2">
          Sign in
        </ButtonLink>
      </Alert>
    );
  }
  if (!isMember) {
    return (
      <Alert heading="This page is for members" headingLevel="2" variation="warn">
        <p>You are signed in with an account that is not a member account.</p>
      </Alert>
    );
  }
  if (members.isError || !members.data) {
    return <LoadError error={members.error} what="your account" />;
  }
  return <>{children(members.data.members, members.data.notice)}</>;
}
