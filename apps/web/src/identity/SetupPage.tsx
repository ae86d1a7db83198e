import { Alert } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { AccountPage } from './AccountPage';
import { AuthenticatorSettings } from './AuthenticatorPage';
import { homePathFor } from './home-path';
import { ReauthGate } from './ReauthGate';
import { SecurityQuestionsForm } from './SecurityQuestionsPage';
import { SiteKeyForm } from './SiteKeyPage';

/**
 * After the first sign-in of an account created before it had a SiteKey (seeded demo and staff users, accounts an
 * administrator created): choose the SiteKey and the security questions before going on. Staff also set up an
 * authenticator app here: until they do, the server lets them reach nothing but their account settings.
 */
export function SetupPage() {
  return (
    <AccountPage
      title="Finish setting up"
      heading="Finish setting up your account"
      lead="Two more things protect your account: a SiteKey you’ll see when you sign in, and security questions for resetting your password."
    >
      {(a) => (
        <>
          {!a.siteKey ? (
            <section aria-labelledby="setup-sitekey">
              <h2 id="setup-sitekey" className="ds-text-heading--xl">
                1. Choose your SiteKey
              </h2>
              <SiteKeyForm account={a} />
            </section>
          ) : null}
          {a.challengeQuestionIds.length < 3 ? (
            <section aria-labelledby="setup-questions" className="ds-u-margin-top--4">
              <h2 id="setup-questions" className="ds-text-heading--xl">
                {a.siteKey ? '' : '2. '}Choose your security questions
              </h2>
              <SecurityQuestionsForm />
            </section>
          ) : null}
          {a.secondFactorRequired ? (
            <section aria-labelledby="setup-second-factor" className="ds-u-margin-top--4">
              <h2 id="setup-second-factor">Set up an authenticator app</h2>
              <p>Staff accounts sign in with a 6-digit code from an authenticator app as a second step.</p>
              <ReauthGate account={a}>
                <AuthenticatorSettings account={a} />
              </ReauthGate>
            </section>
          ) : null}
          {a.siteKey && a.challengeQuestionIds.length >= 3 && !a.secondFactorRequired ? (
            <Alert heading="You’re all set" headingLevel="2" variation="success" role="status">
              Your account is set up. <Link to={homePathFor(a.role)}>Go to my home page</Link>.
            </Alert>
          ) : null}
        </>
      )}
    </AccountPage>
  );
}
