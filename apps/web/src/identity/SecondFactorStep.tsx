import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { passkeyErrorMessage, signInWithPasskey } from './passkeys';
import type { SecondFactorMethod, SignInResult } from './types';

/** Names of the choices (radio buttons). */
const LABELS: Record<SecondFactorMethod, string> = {
  totp: 'Authenticator app',
  passkey: 'Passkey',
  recovery_code: 'Recovery code',
};

/** Labels of the code field, distinct from the choices so each control has its own name. */
const FIELD_LABELS: Record<'totp' | 'recovery_code', string> = {
  totp: 'Code from your authenticator app',
  recovery_code: 'One of your recovery codes',
};

/** Step 3: one of the second factors the account has. */
export function SecondFactorStep({
  methods,
  onResult,
}: {
  methods: SecondFactorMethod[];
  onResult: (result: SignInResult) => void;
}) {
  const [method, setMethod] = useState<SecondFactorMethod>(methods[0] ?? 'totp');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!code.trim()) {
      setError('Enter the code.');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const url = method === 'totp' ? '/api/identity/sign-in/totp' : '/api/identity/sign-in/recovery-code';
      onResult(await postJson<SignInResult>(url, { code }));
    } catch (err) {
      setCode('');
      if (err instanceof ApiError && err.status === 400)
        setError(err.fieldErrors().code ?? errorMessage(err));
      else setNotice(errorMessage(err));
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function confirmWithPasskey() {
    setBusy(true);
    setNotice(undefined);
    try {
      onResult(await signInWithPasskey());
    } catch (err) {
      setNotice(passkeyErrorMessage(err) ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h2 id="sign-in-step-heading" className="sign-in__step-heading" tabIndex={-1}>
        Step 3: confirm it’s you
      </h2>
      {notice ? (
        <Alert variation="error" heading="That didn’t work" headingLevel="3" role="alert">
          {notice}
        </Alert>
      ) : null}
      {methods.length > 1 ? (
        <fieldset className="ds-c-fieldset ds-u-margin-top--2">
          <legend className="ds-c-label">How do you want to confirm?</legend>
          {methods.map((m) => (
            <div className="ds-c-choice-wrapper" key={m}>
              <input
                className="ds-c-choice"
                type="radio"
                id={`factor-${m}`}
                name="factor"
                value={m}
                checked={method === m}
                onChange={() => {
                  setMethod(m);
                  setError(undefined);
                  setCode('');
                }}
              />
              <label htmlFor={`factor-${m}`}>{LABELS[m]}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      {method === 'passkey' ? (
        <div className="ds-u-margin-top--3">
          <p>Use the passkey on this device or your security key.</p>
          <Button type="button" variation="solid" onClick={confirmWithPasskey} disabled={busy}>
            Use my passkey
          </Button>
        </div>
      ) : (
        <form noValidate onSubmit={submitCode}>
          <TextField
            name="code"
            label={FIELD_LABELS[method === 'recovery_code' ? 'recovery_code' : 'totp']}
            hint={
              method === 'totp'
                ? 'The 6-digit code your authenticator app shows for OpenPBM.'
                : 'One of the recovery codes you saved, like ABCD-EFGH-JKLM. Each works once.'
            }
            autoComplete="one-time-code"
            inputMode={method === 'totp' ? 'numeric' : 'text'}
            value={code}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setCode(e.target.value)}
            errorMessage={error}
            inputRef={inputRef}
            autoFocus
          />
          <Button type="submit" variation="solid" className="ds-u-margin-top--3" disabled={busy}>
            Continue
          </Button>
        </form>
      )}
    </div>
  );
}
