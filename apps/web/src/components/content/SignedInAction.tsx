import type { ReactNode } from 'react';
import { homePathFor } from '../../identity/home-path';
import { useSession } from '../../identity/session';
import { ButtonLink } from './ButtonLink';

/** A landing page's call to action: the sign-in button for visitors, "Go to my home page" once signed in. */
export function SignedInAction({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return null;
  if (session.data?.signedIn && session.data.user) {
    return <ButtonLink to={homePathFor(session.data.user.role)}>Go to my home page</ButtonLink>;
  }
  return <>{children}</>;
}
