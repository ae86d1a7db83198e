import { Button } from '@cmsgov/design-system';
import { Link, useNavigate } from '@tanstack/react-router';
import { ButtonLink } from '../components/content/ButtonLink';
import { signOut, useSession, useSessionRefresh } from './session';

/** Header: "Sign in" when signed out; the user's name, "My account" and "Sign out" when signed in. */
export function AccountMenu({ className }: { className?: string }) {
  const session = useSession();
  const refresh = useSessionRefresh();
  const navigate = useNavigate();
  if (!session.data?.signedIn || !session.data.user) {
    return (
      <ButtonLink to="/sign-in" className={className}>
        Sign in
      </ButtonLink>
    );
  }
  async function out() {
    await signOut().catch(() => undefined);
    await refresh();
    await navigate({ to: '/sign-in' });
  }
  return (
    <div className={`account-menu ${className ?? ''}`}>
      <Link to="/account" className="account-menu__name">
        {session.data.user.displayName}
      </Link>
      <Button type="button" size="small" onClick={out}>
        Sign out
      </Button>
    </div>
  );
}
