// Queries shared by the member benefits pages: the session (who is signed in) and whose benefits they may see.
import type { ViewableMembersResponse } from '@openpbm/shared/benefits';
import { useQuery } from '@tanstack/react-query';
import { getJson } from './api';

export interface SessionInfo {
  signedIn: boolean;
  user: { id: string; displayName: string; role: string } | null;
}

export const SESSION_QUERY_KEY = ['identity', 'session'] as const;

export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: () => getJson<SessionInfo>('/api/identity/session'),
    staleTime: 60_000,
  });
}

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
