import { Navigate } from '@tanstack/react-router';
import { homePathFor } from './home-path';
import { useSession } from './session';

/** /home: the signed-in user's own home page (by role), or sign-in. */
export function HomeRedirect() {
  const session = useSession();
  if (session.isPending) return <p role="status">Loading…</p>;
  const user = session.data?.signedIn ? session.data.user : null;
  return <Navigate to={user ? homePathFor(user.role) : '/sign-in'} replace />;
}
