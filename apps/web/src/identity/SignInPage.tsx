import { Alert } from '@cmsgov/design-system';
import { useState } from 'react';
import { Page } from '../components/content/Page';
import { UsernameStep } from './UsernameStep';

// Placeholder for the identity work: only step 1 (username) of a username-first sign-in.
// Nothing is checked or sent anywhere; the real flow replaces this page.
export function SignInPage() {
  const [submitted, setSubmitted] = useState(false);
  return (
    <Page
      title="Sign in"
      heading="Sign in to OpenPBM"
      lead="One account for members, plan sponsors, prescribers and pharmacies."
    >
      <div className="sign-in">
        <Alert heading="Sign-in is being enabled" headingLevel="2" className="sign-in__notice">
          Online accounts are being set up. You can’t sign in yet: this page shows the first step of the
          sign-in you will use.
        </Alert>
        <div className="sign-in__panel">
          {submitted ? (
            <Alert heading="The next step isn’t available yet" headingLevel="2" role="status" autoFocus>
              Sign-in isn’t turned on, so we didn’t check or send your username. Please come back soon.
            </Alert>
          ) : (
            <UsernameStep onContinue={() => setSubmitted(true)} />
          )}
        </div>
      </div>
    </Page>
  );
}
