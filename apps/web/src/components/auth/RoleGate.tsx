import { Alert } from '@cmsgov/design-system';
import type { ReactNode } from 'react';
import { useSession } from '../../identity/session';
import { ButtonLink } from '../content/ButtonLink';
import { Loading } from '../content/Loading';

/** Renders children for a fully signed-in user of the role (health-information pages); otherwise says why not. */
export function RoleGate({
  forRole,
  purpose,
  whySignIn = 'This page shows health information, so you need to be signed in.',
  children,
}: {
  forRole: string;
  purpose: string;
  /** Why signing in is needed, for the signed-out visitor (most gated pages show health information). */
  whySignIn?: string;
  children: ReactNode;
}) {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (!session.data?.signedIn || session.data.stage !== 'full') {
    return (
      <Alert heading={`Sign in to see ${purpose}`} headingLevel="2">
        <p>{whySignIn}</p>
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
