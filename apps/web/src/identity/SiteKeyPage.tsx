import { type SiteKeyForm as SiteKeyValues, siteKeyForm } from '@openpbm/shared/identity';
import { putJson } from '../components/api/client';
import { Form, SubmitButton, useZodForm } from '../components/form';
import { AccountPage } from './AccountPage';
import { useFactorChange } from './factor-change';
import { ReauthGate } from './ReauthGate';
import { SiteKeyFields } from './SiteKeyFields';
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

export function SiteKeyForm({ account }: { account: AccountOverview }) {
  const form = useZodForm(siteKeyForm, {
    defaultValues: { imageId: account.siteKey?.imageId ?? '', phrase: account.siteKey?.phrase ?? '' },
  });
  const { change, outcome } = useFactorChange();
  const save = (values: SiteKeyValues) =>
    change(async () => {
      await putJson('/api/identity/account/site-key', values);
      return { message: 'Your SiteKey is saved.' };
    });
  return (
    <Form form={form} onSubmit={save} id="site-key" className="identity-panel" aria-label="SiteKey">
      {outcome}
      <SiteKeyFields />
      <SubmitButton pending="Saving…">Save SiteKey</SubmitButton>
    </Form>
  );
}
