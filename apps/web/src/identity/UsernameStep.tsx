import { Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';

/** Step 1 of sign-in: ask only for the username; the next step depends on the account (password, passkey). */
export function UsernameStep({ onContinue }: { onContinue: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = username.trim();
    if (!value) {
      setError('Enter your username.');
      // Put the user where the problem is; the error text is tied to the field by aria-describedby.
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    onContinue(value);
  }

  return (
    <form noValidate onSubmit={submit} aria-labelledby="sign-in-step-heading">
      <h2 id="sign-in-step-heading" className="sign-in__step-heading">
        Step 1: your username
      </h2>
      <TextField
        name="username"
        label="Username"
        hint="The username you chose when you created your account."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setUsername(e.target.value)}
        errorMessage={error}
        inputRef={inputRef}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3">
        Continue
      </Button>
    </form>
  );
}
