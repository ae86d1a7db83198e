import { Button } from '@cmsgov/design-system';
import { useMutation } from '@tanstack/react-query';
import { ActionError } from '../components/content/ActionError';
import { passkeysSupported, signInWithPasskey } from './passkeys';
import type { SignInResult } from './types';

/** "Sign in with a passkey": no username or password needed. */
export function PasskeySignInButton({ onResult }: { onResult: (result: SignInResult) => void }) {
  const signIn = useMutation({ mutationFn: signInWithPasskey, onSuccess: onResult });
  if (!passkeysSupported()) return null;
  return (
    <div>
      <ActionError heading="Passkey sign-in didn’t work" error={signIn.error} />
      <Button
        type="button"
        variation="solid"
        onClick={() => signIn.mutate()}
        disabled={signIn.isPending}
        className="ds-u-margin-top--2"
      >
        Sign in with a passkey
      </Button>
    </div>
  );
}
