// The pick-up page of a right-of-access download (the e-mailed link): progress, then the file.
import { Alert } from '@cmsgov/design-system';
import type { RecordExportView } from '@openpbm/shared/privacy';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { ErrorAlert } from '../../../components/content/ErrorAlert';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';

export function ExportPage() {
  const { exportId } = useParams({ strict: false }) as { exportId: string };
  const query = useQuery({
    queryKey: ['privacy', 'export', exportId],
    queryFn: () => getJson<RecordExportView>(`/api/privacy/record-exports/${exportId}`),
    refetchInterval: (q) =>
      q.state.data && ['ready', 'failed'].includes(q.state.data.status) ? false : 1500,
  });
  return (
    <Page title="Your data download" heading="Your data download" eyebrow="Privacy">
      <QueryBoundary query={query} what="your download">
        {(exp) =>
          exp.status === 'ready' ? (
            <Alert variation="success" headingLevel="2" heading="Your download is ready">
              <ul>
                <li>
                  <a href={`/api/privacy/record-exports/${exp.id}/pdf`} download>
                    Download your record (PDF, to read or print)
                  </a>
                </li>
                <li>
                  <a href={`/api/privacy/record-exports/${exp.id}/bundle`} download>
                    Download your record (FHIR R4 JSON, for apps)
                  </a>
                </li>
              </ul>
            </Alert>
          ) : exp.status === 'failed' ? (
            <ErrorAlert heading="We could not prepare your download">
              Please ask again from your privacy page.
            </ErrorAlert>
          ) : (
            <div role="status">
              <p>We are preparing your download. We will also e-mail you when it is ready.</p>
              <progress max={100} value={exp.progress} aria-label="Preparing your download">
                {exp.progress}%
              </progress>
            </div>
          )
        }
      </QueryBoundary>
    </Page>
  );
}
