import { Alert, Button } from '@cmsgov/design-system';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { deleteJson, errorMessage, getJson, postJson } from '../components/api/client';
import { ErrorAlert } from '../components/content/ErrorAlert';
import { formatInstant } from '../components/format/dates';
import { AccountPage } from './AccountPage';
import { describeBrowser } from './browser-name';

interface SessionRow {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  methods: string[];
}

/** Where I'm signed in, with sign-out of one or all other sessions. */
export function SessionsPage() {
  const list = useQuery({
    queryKey: ['identity', 'sessions'],
    queryFn: async () =>
      (await getJson<{ sessions: SessionRow[] }>('/api/identity/account/sessions')).sessions,
  });
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function run(action: () => Promise<string>) {
    setError(undefined);
    try {
      setStatus(await action());
      await list.refetch();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <AccountPage title="Active sessions" heading="Where you’re signed in">
      {() => (
        <div className="identity-panel">
          {status ? (
            <Alert heading="Done" headingLevel="2" variation="success" role="status">
              {status}
            </Alert>
          ) : null}
          {error ? <ErrorAlert heading="That didn’t work">{error}</ErrorAlert> : null}
          <table className="ds-c-table identity-table">
            <caption className="ds-u-text-align--left">Active sessions</caption>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">IP address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">
                  <span className="ds-u-visibility--screen-reader">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((s) => (
                <tr key={s.id}>
                  <td>
                    {describeBrowser(s.userAgent)}
                    {s.current ? <strong> (this browser)</strong> : null}
                  </td>
                  <td>{s.ip ?? 'unknown'}</td>
                  <td>{formatInstant(s.createdAt)}</td>
                  <td>{formatInstant(s.lastSeenAt)}</td>
                  <td>
                    {s.current ? null : (
                      <Button
                        type="button"
                        size="small"
                        onClick={() =>
                          run(async () => {
                            await deleteJson(`/api/identity/account/sessions/${s.id}`);
                            return 'That session was signed out.';
                          })
                        }
                      >
                        Sign out
                        <span className="ds-u-visibility--screen-reader">
                          {' '}
                          {describeBrowser(s.userAgent)}
                        </span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button
            type="button"
            variation="solid"
            className="ds-u-margin-top--3"
            onClick={() =>
              run(async () => {
                const r = await postJson<{ signedOut: number }>(
                  '/api/identity/account/sessions/sign-out-others',
                );
                return `${r.signedOut} other session${r.signedOut === 1 ? ' was' : 's were'} signed out.`;
              })
            }
          >
            Sign out everywhere else
          </Button>
        </div>
      )}
    </AccountPage>
  );
}
