import { Alert } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { AccountPage } from './AccountPage';

/** My account: every security setting with a link to change it. */
export function AccountHomePage() {
  return (
    <AccountPage title="My account" heading="My account and security" home>
      {(a) => (
        <>
          {!a.siteKey || a.challengeQuestionIds.length < 3 || a.secondFactorRequired ? (
            <Alert heading="Finish setting up your account" headingLevel="2" variation="warn">
              <Link to="/account/security/setup">
                {a.secondFactorRequired
                  ? 'Set up your SiteKey, security questions and authenticator app'
                  : 'Choose your SiteKey and security questions'}
              </Link>
              .
            </Alert>
          ) : null}
          <ul className="identity-list">
            <li>
              <strong>Username:</strong> {a.username}
              <br />
              <strong>E-mail:</strong> {a.email} {a.emailVerified ? '(confirmed)' : '(not confirmed yet)'}
              <br />
              <Link to="/account/profile">Change username or e-mail</Link>
            </li>
            <li>
              <strong>Password</strong>
              <br />
              <Link to="/account/password">Change password</Link>
            </li>
            <li>
              <strong>SiteKey:</strong>{' '}
              {a.siteKey ? `${a.siteKey.imageAlt}, “${a.siteKey.phrase}”` : 'not chosen yet'}
              <br />
              <Link to="/account/site-key">{a.siteKey ? 'Change SiteKey' : 'Choose SiteKey'}</Link>
            </li>
            <li>
              <strong>Security questions:</strong> {a.challengeQuestionIds.length} of 3 chosen
              <br />
              <Link to="/account/security-questions">Change security questions</Link>
            </li>
            <li>
              <strong>Authenticator app:</strong> {a.totpEnabled ? 'on' : 'off'}
              <br />
              <Link to="/account/authenticator">
                {a.totpEnabled ? 'Manage authenticator app' : 'Set up an authenticator app'}
              </Link>
            </li>
            <li>
              <strong>Passkeys:</strong> {a.passkeyCount}
              <br />
              <Link to="/account/passkeys">Manage passkeys</Link>
            </li>
            <li>
              <strong>Recovery codes:</strong>{' '}
              {a.totpEnabled || a.passkeyCount
                ? `${a.recoveryCodesLeft} left`
                : 'created with your first second factor'}
              {a.totpEnabled || a.passkeyCount ? (
                <>
                  <br />
                  <Link to="/account/recovery-codes">Get new recovery codes</Link>
                </>
              ) : null}
            </li>
            <li>
              <strong>Where you’re signed in</strong>
              <br />
              <Link to="/account/sessions">Active sessions</Link> ·{' '}
              <Link to="/account/login-history">Sign-in history</Link>
            </li>
          </ul>
        </>
      )}
    </AccountPage>
  );
}
