import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { getJson } from '../../components/api/client';
import { QueryBoundary } from '../../components/content/QueryBoundary';

/**
 * A secure tool's page body, shown only when this connection presents a client certificate (the secure-tools
 * address, mTLS). On the ordinary address the server answers 401 certificate-required with the way to get one,
 * and the page shows that guidance (QueryBoundary) instead of a form that could only fail.
 */
export function SecureToolGate({ children }: { children: ReactNode }) {
  const presented = useQuery({
    queryKey: ['certificates', 'presented'],
    queryFn: () => getJson<{ serial: string }>('/api/certificates/presented'),
    retry: false,
    staleTime: 60_000,
  });
  return (
    <QueryBoundary query={presented} what="your client certificate">
      {() => children}
    </QueryBoundary>
  );
}
