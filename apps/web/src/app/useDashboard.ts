// A home page's data: GET /api/dashboard/<role group> (apps/server/src/dashboard), never retried on 401/403.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../components/api/client';

export type DashboardGroup = 'member' | 'prescriber' | 'pharmacy' | 'clinical-review';

export function useDashboard<T>(group: DashboardGroup) {
  return useQuery({
    queryKey: ['dashboard', group],
    queryFn: () => getJson<T>(`/api/dashboard/${group}`),
    retry: false,
  });
}
