import { Button } from '@cmsgov/design-system';
import { createProxyGrantRequest, type FamilyResponse } from '@openpbm/shared/family';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteJson, getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';
import { z } from 'zod';

const KEY = ['pharmacy', 'family'];
const RELATIONSHIP = { self: 'You', dependent: 'Child under 18', proxy: 'Shared with you' } as const;

/** The shared grant request, with a plain message when no one is chosen yet. */
const shareForm = createProxyGrantRequest.extend({
  granteeMemberId: z.uuid({ error: 'Choose the family member to share with' }),
});

function ShareForm({
  candidates,
  onShared,
}: {
  candidates: FamilyResponse['canShareWith'];
  onShared: (family: FamilyResponse) => void;
}) {
  const form = useZodForm(shareForm, { defaultValues: { granteeMemberId: '', access: 'view' } });
  return (
    <Form
      form={form}
      aria-label="Share your prescriptions"
      onSubmit={async (body) => {
        onShared(await postJson<FamilyResponse>('/api/family/proxy-grants', body));
        form.reset({ granteeMemberId: '', access: 'view' });
      }}
    >
      <Field
        name="granteeMemberId"
        label="Family member"
        options={[
          { value: '', label: 'Choose' },
          ...candidates.map((m) => ({ value: m.memberId, label: `${m.firstName} ${m.lastName}` })),
        ]}
      />
      <ChoiceField
        name="access"
        label="What they can do"
        options={[
          { value: 'view', label: 'See my prescriptions and orders' },
          { value: 'manage', label: 'See them and order refills for me' },
        ]}
      />
      <SubmitButton pending="Sharing…">Share access</SubmitButton>
    </Form>
  );
}

function Family() {
  const client = useQueryClient();
  const family = useQuery({ queryKey: KEY, queryFn: () => getJson<FamilyResponse>('/api/family') });
  const stop = useMutation({
    mutationFn: (id: string) => deleteJson<FamilyResponse>(`/api/family/proxy-grants/${id}`),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  return (
    <QueryBoundary query={family} what="your family">
      {(data) => {
        const f = data;
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
                        {g.granteeName} can {g.access === 'manage' ? 'view and manage' : 'view'} your
                        prescriptions{' '}
                        <Button size="small" variation="ghost" onClick={() => stop.mutate(g.id)}>
                          Stop sharing
                          <span className="ds-u-visibility--screen-reader"> with {g.granteeName}</span>
                        </Button>
                      </li>
                    ))}
                  </ul>
                  <ShareForm
                    candidates={f.canShareWith}
                    onShared={(next) => client.setQueryData(KEY, next)}
                  />
                </>
              )}
            </Section>
          </>
        );
      }}
    </QueryBoundary>
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
