import { Button } from '@cmsgov/design-system';
import { recoveryCodeBody, totpCodeBody } from '@openpbm/shared/identity';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionError } from '../components/content/ActionError';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { signInWithPasskey } from './passkeys';
import { postSignInStep } from './sign-in-step';
import type { SecondFactorMethod, SignInResult } from './types';

/** Names of the choices (radio buttons). */
const LABELS: Record<SecondFactorMethod, string> = {
  totp: 'Authenticator app',
  passkey: 'Passkey',
  recovery_code: 'Recovery code',
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
  const passkey = useMutation({ mutationFn: signInWithPasskey, onSuccess: onResult });

  return (
    <div>
      <h2 id="sign-in-step-heading" className="sign-in__step-heading" tabIndex={-1}>
        Step 3: confirm it’s you
      </h2>
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
                onChange={() => setMethod(m)}
              />
              <label htmlFor={`factor-${m}`}>{LABELS[m]}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      {method === 'passkey' ? (
        <div className="ds-u-margin-top--3">
          <ActionError heading="That didn’t work" error={passkey.error} />
          <p>Use the passkey on this device or your security key.</p>
          <Button
            type="button"
            variation="solid"
            onClick={() => passkey.mutate()}
            disabled={passkey.isPending}
          >
            Use my passkey
          </Button>
        </div>
      ) : (
        // Keyed by method: switching starts an empty form.
        <CodeForm key={method} recovery={method === 'recovery_code'} onResult={onResult} />
      )}
    </div>
  );
}

function CodeForm({ recovery, onResult }: { recovery: boolean; onResult: (result: SignInResult) => void }) {
  const form = useZodForm(recovery ? recoveryCodeBody : totpCodeBody, { defaultValues: { code: '' } });
  const confirm = async (body: { code: string }) =>
    onResult(
      await postSignInStep(
        recovery ? '/api/identity/sign-in/recovery-code' : '/api/identity/sign-in/totp',
        body,
        () => form.setValue('code', ''),
      ),
    );
  return (
    <Form form={form} onSubmit={confirm}>
      <Field
        name="code"
        label={recovery ? 'One of your recovery codes' : 'Code from your authenticator app'}
        hint={
          recovery
            ? 'One of the recovery codes you saved, like ABCD-EFGH-JKLM. Each works once.'
            : 'The 6-digit code your authenticator app shows for OpenPBM.'
        }
        autoComplete="one-time-code"
        inputMode={recovery ? 'text' : 'numeric'}
        autoFocus
      />
      <SubmitButton pending="Checking…">Continue</SubmitButton>
    </Form>
  );
}
