import { Alert, Button, ChoiceList } from '@cmsgov/design-system';
import type { FamilyResponse } from '@openpbm/shared/family';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deleteJson, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { SelectField } from '../../../components/form/SelectField';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

const KEY = ['pharmacy', 'family'];
const RELATIONSHIP = { self: 'You', dependent: 'Child under 18', proxy: 'Shared with you' } as const;

function Family() {
  const client = useQueryClient();
  const family = useQuery({ queryKey: KEY, queryFn: () => getJson<FamilyResponse>('/api/family') });
  const [grantee, setGrantee] = useState('');
  const [access, setAccess] = useState<'view' | 'manage'>('view');
  const share = useMutation({
    mutationFn: () =>
      postJson<FamilyResponse>('/api/family/proxy-grants', { granteeMemberId: grantee, access }),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  const stop = useMutation({
    mutationFn: (id: string) => deleteJson<FamilyResponse>(`/api/family/proxy-grants/${id}`),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  if (family.isPending) return <Loading what="your family" />;
  if (family.error) return <LoadError error={family.error} what="your family" />;
  const f = family.data;
  return (
    <>
      <Section heading="Whose prescriptions you see">
        <ul className="rx-plain-list">
          {f.members.map((m) => (
            <li key={m.memberId}>
              {m.firstName} {m.lastName}: {RELATIONSHIP[m.relationship]}
              {m.relationship === 'proxy'
                ? m.access === 'manage'
                  ? ' (view and manage)'
                  : ' (view only)'
                : ''}
            </li>
          ))}
        </ul>
        {f.notice ? <p className="rx-notice">{f.notice}</p> : null}
      </Section>
      <Section heading="Shared with you">
        {f.grantsReceived.length === 0 ? <p>No one has shared their prescriptions with you.</p> : null}
        <ul className="rx-plain-list">
          {f.grantsReceived.map((g) => (
            <li key={g.id}>
              {g.grantorName} ({g.access === 'manage' ? 'view and manage' : 'view only'}){' '}
              <Button size="small" variation="ghost" onClick={() => stop.mutate(g.id)}>
                Stop<span className="ds-u-visibility--screen-reader"> access to {g.grantorName}</span>
              </Button>
            </li>
          ))}
        </ul>
      </Section>
      <Section heading="Share your prescriptions">
        {f.canShareWith.length === 0 ? (
          <p>You can share access with adults on your plan. There is no one to share with.</p>
        ) : (
          <>
            <ul className="rx-plain-list">
              {f.grantsGiven.map((g) => (
                <li key={g.id}>
                  {g.granteeName} can {g.access === 'manage' ? 'view and manage' : 'view'} your prescriptions{' '}
                  <Button size="small" variation="ghost" onClick={() => stop.mutate(g.id)}>
                    Stop sharing<span className="ds-u-visibility--screen-reader"> with {g.granteeName}</span>
                  </Button>
                </li>
              ))}
            </ul>
            <SelectField
              name="grantee"
              label="Family member"
              value={grantee}
              onChange={(e) => setGrantee(e.target.value)}
              options={[
                { value: '', label: 'Choose' },
                ...f.canShareWith.map((m) => ({ value: m.memberId, label: `${m.firstName} ${m.lastName}` })),
              ]}
            />
            <ChoiceList
              type="radio"
              name="access"
              label="What they can do"
              choices={[
                { value: 'view', label: 'See my prescriptions and orders', checked: access === 'view' },
                { value: 'manage', label: 'See them and order refills for me', checked: access === 'manage' },
              ]}
              onChange={(e) => setAccess(e.target.value as 'view' | 'manage')}
            />
            <Button
              className="ds-u-margin-top--2"
              disabled={!grantee || share.isPending}
              onClick={() => share.mutate()}
            >
              Share access
            </Button>
            {share.error ? (
              <Alert variation="error" heading="Access was not shared" headingLevel="3" role="alert">
                <p>{share.error.message}</p>
              </Alert>
            ) : null}
          </>
        )}
      </Section>
    </>
  );
}

export function FamilyAccessPage() {
  return (
    <Page
      title="Family access"
      eyebrow="For members"
      heading="Family access"
      lead="You manage prescriptions for your children under 18. Adults on your plan can share theirs with you, and you with them."
    >
      <PharmacyGate purpose="family access">
        <PharmacyNav />
        <Family />
      </PharmacyGate>
    </Page>
  );
}
