import { useQuery } from '@tanstack/react-query';
import { getJson } from '../components/api/client';
import { formatInstant } from '../components/format/dates';
import { AccountPage } from './AccountPage';
import { describeBrowser } from './browser-name';

interface HistoryRow {
  at: string;
  result: string;
  method: string;
  ip: string | null;
  userAgent: string | null;
}

const RESULTS: Record<string, string> = {
  success: 'Signed in',
  bad_password: 'Wrong password',
  bad_second_factor: 'Wrong code or passkey',
  throttled: 'Slowed down after failures',
  locked: 'Account locked',
  disabled: 'Account disabled',
  signed_out: 'Signed out',
};
const METHODS: Record<string, string> = {
  password: 'password',
  totp: 'authenticator app',
  passkey: 'passkey',
  recovery_code: 'recovery code',
};
const method = (m: string) =>
  m
    .split('+')
    .map((p) => METHODS[p] ?? p)
    .join(' + ');

/** My last 50 sign-in attempts. */
export function LoginHistoryPage() {
  const history = useQuery({
    queryKey: ['identity', 'login-history'],
    queryFn: async () =>
      (await getJson<{ history: HistoryRow[] }>('/api/identity/account/login-history')).history,
  });
  return (
    <AccountPage
      title="Sign-in history"
      heading="Sign-in history"
      lead="If you see a sign-in you don’t recognise, change your password and sign out everywhere else."
    >
      {() => (
        <table className="ds-c-table identity-table">
          <caption className="ds-u-text-align--left">Your last 50 sign-in attempts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Result</th>
              <th scope="col">Method</th>
              <th scope="col">IP address</th>
              <th scope="col">Browser</th>
            </tr>
          </thead>
          <tbody>
            {(history.data ?? []).map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id and never reorder
              <tr key={i}>
                <td>{formatInstant(h.at)}</td>
                <td>{RESULTS[h.result] ?? h.result}</td>
                <td>{method(h.method)}</td>
                <td>{h.ip ?? 'unknown'}</td>
                <td>{describeBrowser(h.userAgent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AccountPage>
  );
}
