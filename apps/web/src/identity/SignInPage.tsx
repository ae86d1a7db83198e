import { Alert } from '@cmsgov/design-system';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage, postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import './identity.css';
import { homePathFor } from './home-path';
import { PasskeySignInButton } from './PasskeySignInButton';
import { PasswordStep } from './PasswordStep';
import { SecondFactorStep } from './SecondFactorStep';
import { useSessionReload } from './session';
import type { SecondFactorMethod, SignInResult, SiteKey } from './types';
import { UsernameStep } from './UsernameStep';

type Step =
  | { name: 'username' }
  | { name: 'password'; username: string; siteKey: SiteKey }
  | { name: 'second-factor'; methods: SecondFactorMethod[] };

/** `?next=` when it is a path on this site (never another origin: `//host` or a scheme). */
function returnPath(): string | null {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && /^\/(?![/\\])[^\s]*$/.test(next) ? next : null;
}

/** Username-first sign-in: username → SiteKey and password → second factor (when enrolled) → the role's home. */
export function SignInPage() {
  const [step, setStep] = useState<Step>({ name: 'username' });
  const [error, setError] = useState<string | undefined>();
  const navigate = useNavigate();
  const reload = useSessionReload();

  async function finish(result: SignInResult) {
    if (result.status === 'second_factor_required') {
      setStep({ name: 'second-factor', methods: result.methods });
      return;
    }
    // Each role lands on its own home page of what needs it now, unless a page sent them here to come back
    // (an app's consent step).
    const session = await reload();
    const back = returnPath();
    if (back && !result.setupRequired.length) {
      await navigate({ to: back as '/' });
      return;
    }
    await navigate({
      to: result.setupRequired.length ? '/account/security/setup' : homePathFor(session.user?.role),
    });
  }

  async function lookUp(username: string) {
    setError(undefined);
    try {
      const { siteKey } = await postJson<{ siteKey: SiteKey }>('/api/identity/sign-in/site-key', {
        username,
      });
      setStep({ name: 'password', username, siteKey });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Page
      title="Sign in"
      heading="Sign in to OpenPBM"
      lead="One account for members, plan sponsors, prescribers, pharmacies and OpenPBM staff."
    >
      <div className="sign-in">
        {error ? (
          <Alert variation="error" heading="Something went wrong" headingLevel="2" role="alert">
            {error}
          </Alert>
        ) : null}
        <div className="sign-in__panel">
          {step.name === 'username' ? <UsernameStep onContinue={lookUp} /> : null}
          {step.name === 'password' ? (
            <PasswordStep
              username={step.username}
              siteKey={step.siteKey}
              onResult={finish}
              onChangeUsername={() => setStep({ name: 'username' })}
            />
          ) : null}
          {step.name === 'second-factor' ? (
            <SecondFactorStep methods={step.methods} onResult={finish} />
          ) : null}
        </div>
        {step.name === 'username' ? (
          <div className="identity-panel">
            <h2 className="ds-text-heading--lg">Other ways in</h2>
            <PasskeySignInButton onResult={finish} />
            <ul className="ds-u-margin-top--3">
              <li>
                <Link to="/activate">New member? Activate your account</Link>
              </li>
              <li>
                <Link to="/forgot-password">Forgot your password?</Link>
              </li>
              <li>
                <Link to="/forgot-username">Forgot your username?</Link>
              </li>
            </ul>
          </div>
        ) : null}
      </div>
    </Page>
  );
}
