// Queries shared by the member benefits pages: the session (identity/session.ts) and whose benefits the
// signed-in member may see.
import type { ViewableMembersResponse } from '@openpbm/shared/benefits';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../../identity/session';
import { getJson } from './api';

export { useSession };

export function useIsSignedInMember(): boolean {
  const session = useSession();
  return Boolean(session.data?.signedIn && session.data.user?.role === 'member');
}

export function useViewableMembers(enabled: boolean) {
  return useQuery({
    queryKey: ['benefits', 'members'],
    queryFn: () => getJson<ViewableMembersResponse>('/api/benefits/members'),
    enabled,
  });
}
