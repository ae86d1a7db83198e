import { Alert, Button } from '@cmsgov/design-system';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage, putJson } from '../components/api/client';
import { AccountPage } from './AccountPage';
import { useAccountRefresh } from './account';
import { needsReauth, ReauthGate } from './ReauthGate';
import { SiteKeyFields, type SiteKeyValue } from './SiteKeyFields';
import type { AccountOverview } from './types';

export function SiteKeyPage() {
  return (
    <AccountPage title="SiteKey" heading="Your SiteKey">
      {(a) =>
        a.siteKey ? (
          <ReauthGate account={a}>
            <SiteKeyForm account={a} />
          </ReauthGate>
        ) : (
          <SiteKeyForm account={a} />
        )
      }
    </AccountPage>
  );
}

export function SiteKeyForm({ account, onSaved }: { account: AccountOverview; onSaved?: () => void }) {
  const [value, setValue] = useState<SiteKeyValue>({
    imageId: account.siteKey?.imageId ?? '',
    phrase: account.siteKey?.phrase ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = useAccountRefresh();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setStatus(null);
    try {
      await putJson('/api/identity/account/site-key', value);
      setStatus({ ok: true, text: 'Your SiteKey is saved.' });
      await refresh();
      onSaved?.();
    } catch (err) {
      if (needsReauth(err)) await refresh();
      else if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.fieldErrors());
      else setStatus({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <form noValidate onSubmit={submit} className="identity-panel" aria-label="SiteKey">
      {status ? (
        <Alert
          variation={status.ok ? 'success' : 'error'}
          headingLevel="2"
          heading={status.ok ? 'Saved' : 'Not saved'}
          role="status"
        >
          {status.text}
        </Alert>
      ) : null}
      <SiteKeyFields value={value} onChange={setValue} errors={errors} />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3">
        Save SiteKey
      </Button>
    </form>
  );
}
