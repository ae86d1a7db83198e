import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { postJson } from '../components/api/client';
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

  // A failure here lands in the username form's error summary.
  async function lookUp(username: string) {
    const { siteKey } = await postJson<{ siteKey: SiteKey }>('/api/identity/sign-in/site-key', { username });
    setStep({ name: 'password', username, siteKey });
  }

  return (
    <Page
      title="Sign in"
      heading="Sign in to OpenPBM"
      lead="One account for members, plan sponsors, prescribers, pharmacies and OpenPBM staff."
    >
      <div className="sign-in">
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
