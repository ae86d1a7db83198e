import { Alert } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import './identity.css';
import { ErrorAlert } from '../components/content/ErrorAlert';

/** Opened from the e-mailed link: the token is in the URL fragment (never sent to a server by the browser). */
export function VerifyEmailPage() {
  const [state, setState] = useState<
    { kind: 'working' } | { kind: 'done'; username: string } | { kind: 'failed'; message: string }
  >({
    kind: 'working',
  });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    // The token is single use: take it out of the address bar and history.
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setState({ kind: 'failed', message: 'This link is incomplete. Open the whole link from the e-mail.' });
      return;
    }
    postJson<{ username: string }>('/api/identity/email/verify', { token })
      .then((r) => setState({ kind: 'done', username: r.username }))
      .catch((err: unknown) => setState({ kind: 'failed', message: errorMessage(err) }));
  }, []);

  return (
    <Page title="Confirm your e-mail" heading="Confirm your e-mail address">
      <div className="identity-form">
        {state.kind === 'working' ? <p role="status">Confirming…</p> : null}
        {state.kind === 'done' ? (
          <Alert
            heading="Your e-mail address is confirmed"
            headingLevel="2"
            variation="success"
            role="status"
          >
            Thank you. You can now <Link to="/sign-in">sign in</Link> as <strong>{state.username}</strong>.
          </Alert>
        ) : null}
        {state.kind === 'failed' ? (
          <ErrorAlert heading="We couldn’t confirm your e-mail address">{state.message}</ErrorAlert>
        ) : null}
      </div>
    </Page>
  );
}
