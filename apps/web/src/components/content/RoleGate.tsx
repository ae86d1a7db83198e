import { Alert } from '@cmsgov/design-system';
import type { ReactNode } from 'react';
import { useSession } from '../../identity/session';
import { ButtonLink } from './ButtonLink';
import { Loading } from './Loading';

/** Shows its children only to a fully signed-in user of `forRole`; otherwise says how to get in. */
export function RoleGate({
  forRole,
  purpose,
  children,
}: {
  forRole: string;
  purpose: string;
  children: ReactNode;
}) {
  const session = useSession();
  if (session.isPending) return <Loading what={purpose} />;
  if (!session.data?.signedIn || session.data.stage !== 'full') {
    return (
      <Alert heading={`Sign in to see ${purpose}`} headingLevel="2">
        <p>This page shows personal information, so you need to be signed in.</p>
        <ButtonLink to="/sign-in" className="ds-u-margin-top--2">
          Sign in
        </ButtonLink>
      </Alert>
    );
  }
  if (session.data.user?.role !== forRole) {
    return (
      <Alert heading="This page is not for your account" headingLevel="2" variation="warn">
        <p>You are signed in with an account that cannot open {purpose}.</p>
      </Alert>
    );
  }
  return <>{children}</>;
}
