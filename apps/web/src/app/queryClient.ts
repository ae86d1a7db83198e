import { QueryClient } from '@tanstack/react-query';

// Health data changes rarely within a visit; refetching on every focus would only add load.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
  },
});
