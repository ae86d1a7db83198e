// The signed-in state for every page: one query of GET /api/identity/session, refreshed after sign-in/out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, postJson } from '../components/api/client';
import type { SessionInfo } from './types';

export const SESSION_QUERY_KEY = ['identity', 'session'] as const;

const sessionQuery = {
  queryKey: SESSION_QUERY_KEY,
  queryFn: () => getJson<SessionInfo>('/api/identity/session'),
  staleTime: 15_000,
};

export function useSession() {
  return useQuery(sessionQuery);
}

/** After sign-in: refetches every identity query and answers the new session (for where to go next). */
export function useSessionReload() {
  const client = useQueryClient();
  return async (): Promise<SessionInfo> => {
    await client.invalidateQueries({ queryKey: ['identity'] });
    return client.fetchQuery(sessionQuery);
  };
}

export function useSessionRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['identity'] });
}

export async function signOut(): Promise<void> {
  await postJson<void>('/api/identity/sign-out');
}
