import { Alert, Button } from '@cmsgov/design-system';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type ChangeEvent, useState } from 'react';
import { ApiError, errorMessage, getJson, newIdempotencyKey, postJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { type QueueColumn, QueueTable } from '../../components/content/QueueTable';
import { Section } from '../../components/content/Section';
import { formatCount } from '../../components/format/money';
import './clients.css';
import { ErrorAlert } from '../../components/content/ErrorAlert';
import { SecureToolGate } from './SecureToolGate';

interface FileError {
  at: string;
  field: string;
  reason: string;
}

interface Preview {
  format: '834' | 'csv';
  records: number;
  adds: number;
  changes: number;
  terminations: number;
  alreadyApplied: boolean;
  errors: FileError[];
  applied?: boolean;
}

const ERROR_COLUMNS: ReadonlyArray<QueueColumn<FileError>> = [
  { title: 'Where', rowHeader: true, cell: (e) => e.at },
  { title: 'Field', cell: (e) => e.field },
  { title: 'Problem', cell: (e) => e.reason },
];

function ErrorReport({ errors }: { errors: FileError[] }) {
  return (
    <QueueTable
      caption="Error report: nothing is applied until every record is correct"
      columns={ERROR_COLUMNS}
      rows={errors}
      rowKey={(e) => `${e.at}-${e.field}-${e.reason}`}
      empty="No errors."
    />
  );
}

interface Progress {
  phase: 'checking' | 'applying' | 'done';
  processed: number;
  total: number;
  errors: number;
}

/** "Applying: 12,000 of 100,000 records, 0 errors so far" with a bar; before the first count, a plain line. */
function ProgressLine({ progress }: { progress: Progress | undefined }) {
  if (!progress || progress.total === 0) return <p role="status">Working on the file…</p>;
  const verb =
    progress.phase === 'applying' ? 'Applying' : progress.phase === 'checking' ? 'Checking' : 'Finishing';
  return (
    <div role="status">
      <p>
        {verb}: {formatCount(progress.processed)} of {formatCount(progress.total)} records,{' '}
        {formatCount(progress.errors)} errors so far.
      </p>
      <progress max={progress.total} value={progress.processed} aria-label="Records processed" />
    </div>
  );
}

/** Upload an 834 or CSV eligibility file, read the preview and error report, then apply it (all or nothing). */
export function EligibilityFilesPage() {
  const { clientId } = useParams({ strict: false }) as { clientId: string };
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const base = `/api/clients/${clientId}/eligibility-files`;
  // While a file is checked or applied, ask the server how far it has got (large files take a while).
  const progress = useQuery({
    queryKey: ['clients', clientId, 'eligibility-progress', uploadId],
    queryFn: () => getJson<Progress>(`${base}/progress/${uploadId}`),
    enabled: busy && uploadId !== null,
    refetchInterval: 700,
    retry: false,
  });

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    setPreview(null);
    setError(null);
    const file = event.target.files?.[0];
    setContent(file ? await file.text() : null);
  }

  async function run(step: 'preview' | 'apply') {
    if (!content) return;
    const id = newIdempotencyKey();
    setUploadId(id);
    setBusy(true);
    setError(null);
    try {
      setPreview(await postJson<Preview>(`${base}/${step}`, { content, uploadId: id }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 413)
        setError('The file is larger than 20 MB. Split it and send the parts one after another.');
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page
      title="Eligibility files"
      eyebrow="Client portal"
      heading="Send an eligibility file"
      lead="An ASC X12 834 (5010) file, or a CSV with the header listed below. Check it first; applying adds, changes and ends coverage in one step, and sending the same file again changes nothing."
    >
      <SecureToolGate>
        <div className="clients-panel">
          <label className="ds-c-label" htmlFor="eligibility-file">
            Eligibility file (834 or CSV)
          </label>
          <input
            id="eligibility-file"
            type="file"
            accept=".834,.x12,.edi,.txt,.csv"
            className="ds-u-margin-y--2"
            onChange={choose}
          />
          <div className="plan-report__actions">
            <Button onClick={() => run('preview')} disabled={!content || busy}>
              Check the file
            </Button>
            {preview && preview.errors.length === 0 && !preview.applied && !preview.alreadyApplied ? (
              <Button variation="solid" onClick={() => run('apply')} disabled={busy}>
                Apply {preview.records} records
              </Button>
            ) : null}
          </div>
          {busy ? <ProgressLine progress={progress.data} /> : null}
          {error ? <ErrorAlert heading="The file was not accepted">{error}</ErrorAlert> : null}
          {preview ? (
            <div role="status">
              {preview.applied ? (
                <Alert heading="The file was applied" headingLevel="2" variation="success" />
              ) : preview.alreadyApplied ? (
                <Alert heading="This file was applied before" headingLevel="2">
                  Nothing changed.
                </Alert>
              ) : null}
              <p>
                {preview.format === '834' ? 'X12 834' : 'CSV'} file: {preview.records} records, {preview.adds}{' '}
                to add, {preview.changes} to change, {preview.terminations} to end.
                {preview.errors.length > 0 ? ` ${preview.errors.length} problems to correct.` : ''}
              </p>
            </div>
          ) : null}
        </div>
        {preview && preview.errors.length > 0 ? <ErrorReport errors={preview.errors} /> : null}
        <Section heading="CSV format">
          <p>One member per line, with this header line first:</p>
          <pre className="ds-u-font-size--sm">
            member_id,subscriber_id,relationship,first_name,last_name,date_of_birth,gender,address,city,state,zip,group_number,action,start_date,end_date
          </pre>
          <p>
            Relationship 1 subscriber, 2 spouse, 3 child; gender M, F or U; dates as YYYY-MM-DD; action add,
            change or terminate (a termination needs only member_id, subscriber_id, relationship, action,
            start_date and end_date).
          </p>
        </Section>
      </SecureToolGate>
    </Page>
  );
}
