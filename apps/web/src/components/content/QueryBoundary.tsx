import { Alert } from '@cmsgov/design-system';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { CertificateRequired, certificateProblem } from './CertificateRequired';
import { LoadError } from './LoadError';
import { Loading } from './Loading';

/** A query's three states on a page: loading, "please sign in" / the server's reason, or the data. */
export function QueryBoundary<T>({
  query,
  what,
  errorHeading,
  errorAction,
  children,
}: {
  query: UseQueryResult<T>;
  /** "your home page": shown as "We could not load …". */
  what: string;
  /** A heading that says more than "We could not load …" (the refills that cannot be ordered). */
  errorHeading?: string;
  /** A way on from the error (a link back). */
  errorAction?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  const certificate = certificateProblem(query.error);
  if (certificate) return <CertificateRequired problem={certificate} />;
  if (query.error instanceof ApiError && query.error.status === 401) {
    return (
      <Alert heading="Please sign in" headingLevel="2" role="status">
        Your session has ended or you are not signed in. <Link to="/sign-in">Sign in</Link> to continue.
      </Alert>
    );
  }
  if (query.error) {
    return (
      <LoadError error={query.error} what={what} heading={errorHeading}>
        {errorAction}
      </LoadError>
    );
  }
  return <>{children(query.data as T)}</>;
}
