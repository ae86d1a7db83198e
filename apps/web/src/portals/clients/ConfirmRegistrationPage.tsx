import { Alert } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, postJson } from '../../components/api/client';
import { Loading } from '../../components/content/Loading';
import { Page } from '../../components/content/Page';
import { RegistrationForm } from '../../identity/RegistrationForm';
import './clients.css';
import { ErrorAlert } from '../../components/content/ErrorAlert';

interface Ticket {
  registrationToken: string;
  firstName: string;
  email: string;
}

/** The e-mailed link (#token=…): proves the address, then the member sign-in form sets up the account. */
export function ConfirmRegistrationPage() {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const used = useRef(false);

  useEffect(() => {
    if (used.current) return;
    used.current = true;
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    // The token leaves the address bar (and history) at once.
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setError('This link is incomplete. Open the link from your e-mail again.');
      return;
    }
    postJson<Ticket>('/api/clients/registrations/confirm', { token })
      .then(setTicket)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  return (
    <Page title="Finish registering" eyebrow="Plan sponsors and advisors" heading="Finish registering">
      <div className="clients-panel">
        {error ? (
          <ErrorAlert heading="We could not confirm your e-mail">
            {error} <Link to="/clients/register">Register again</Link>.
          </ErrorAlert>
        ) : done ? (
          <Alert heading="Your account is ready" headingLevel="2" variation="success" role="status">
            <Link to="/sign-in">Sign in</Link>, then ask for the secure tools you need on the “My access”
            page.
          </Alert>
        ) : ticket ? (
          <>
            <p role="status">Your e-mail address {ticket.email} is confirmed.</p>
            <RegistrationForm
              registrationToken={ticket.registrationToken}
              firstName={ticket.firstName}
              endpoint="/api/clients/registrations/account"
              verifiedEmail={ticket.email}
              intro="Now choose how you’ll sign in."
              onRegistered={() => setDone(true)}
              onExpired={() => setError('Your registration has expired.')}
            />
          </>
        ) : (
          <Loading what="your registration" />
        )}
      </div>
    </Page>
  );
}
