// The signed-in user's account overview, shared by the account pages.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from '../components/api/client';
import type { AccountOverview } from './types';

export const ACCOUNT_QUERY_KEY = ['identity', 'account'] as const;

export function useAccount() {
  return useQuery({
    queryKey: ACCOUNT_QUERY_KEY,
    queryFn: () => getJson<AccountOverview>('/api/identity/account'),
    staleTime: 0,
    retry: false,
  });
}

export function useAccountRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['identity'] });
}
