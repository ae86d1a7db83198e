import { Alert } from '@cmsgov/design-system';

/** Recovery codes are shown once: ask the user to store them now. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <Alert heading="Save your recovery codes now" headingLevel="2" variation="warn">
      <p>
        Each code signs you in once if you lose your authenticator app or passkey. We won’t show them again.
        Keep them somewhere safe, like a password manager.
      </p>
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
    </Alert>
  );
}
