// The consent step of a SMART on FHIR authorization: oidc-provider sends the browser here. The member (signed in,
// or sent to sign-in and back) sees the app, what it asks for in plain words and picks whose record to share
// (their own or a child under 18), then Allow or Deny sends the browser back to the app.
import { Alert, Button } from '@cmsgov/design-system';
import type { ConsentDetails } from '@openpbm/shared/fhir-apps';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { errorMessage, getJson, postJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Form, FormActions, SubmitButton, useZodForm } from '../../../components/form';
import { useSession } from '../benefits/hooks';
import './connected-apps.css';
import { ErrorAlert } from '../../../components/content/ErrorAlert';

const choice = z.object({ patientId: z.uuid({ message: 'Choose whose record to share.' }) });
const url = (uid: string) => `/api/fhir-apps/authorizations/${encodeURIComponent(uid)}`;

/** The browser leaves for the app (oidc-provider's resume URL, then the app's redirect URI). */
const leaveFor = (redirectTo: string) => window.location.assign(redirectTo);

/** Distinct plain-words lines (openid and fhirUser say the same thing). */
const plainWords = (scopes: ConsentDetails['scopes']) => [...new Set(scopes.map((s) => s.description))];

function ConsentForm({ uid, details }: { uid: string; details: ConsentDetails }) {
  const self = details.patients.find((p) => p.relationship === 'self');
  const form = useZodForm(choice, { defaultValues: { patientId: self?.memberId ?? '' } });
  const [denyError, setDenyError] = useState<string | null>(null);
  const [denying, setDenying] = useState(false);
  async function allow(values: z.infer<typeof choice>) {
    const { redirectTo } = await postJson<{ redirectTo: string }>(url(uid), { approve: true, ...values });
    leaveFor(redirectTo);
  }
  async function deny() {
    setDenying(true);
    setDenyError(null);
    try {
      leaveFor((await postJson<{ redirectTo: string }>(url(uid), { approve: false })).redirectTo);
    } catch (error) {
      setDenyError(errorMessage(error));
      setDenying(false);
    }
  }
  return (
    <>
      <Section heading={`${details.clientName} asks to`}>
        <ul className="connected-apps__scopes">
          {plainWords(details.scopes).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          The app can only read. It cannot change your records, order medicine or see your password. You can
          remove its access at any time on the Connected apps page.
        </p>
      </Section>
      <Form form={form} onSubmit={allow} aria-label={`Allow ${details.clientName}`}>
        <ChoiceField
          name="patientId"
          label="Whose record may the app read?"
          hint="Your own, or a child under 18 whose records you manage. The app gets one person's record."
          options={details.patients.map((p) => ({
            value: p.memberId,
            label: p.relationship === 'self' ? `${p.name} (you)` : `${p.name} (your child)`,
          }))}
        />
        <FormActions>
          <SubmitButton pending="Allowing…">Allow</SubmitButton>
          <Button type="button" onClick={deny} disabled={denying}>
            {denying ? 'Denying…' : 'Deny'}
          </Button>
        </FormActions>
        {denyError ? (
          <ErrorAlert heading="The app was not denied" headingLevel="3">
            {denyError}
          </ErrorAlert>
        ) : null}
      </Form>
    </>
  );
}

function SignInFirst() {
  const next = encodeURIComponent(window.location.pathname);
  return (
    <Alert heading="Sign in to connect the app" headingLevel="2">
      <p>An app asked to read your pharmacy records. Sign in, and we bring you back here to decide.</p>
      <a className="ds-c-button ds-c-button--solid ds-u-margin-top--2" href={`/sign-in?next=${next}`}>
        Sign in
      </a>
    </Alert>
  );
}

function ConsentBody({ uid }: { uid: string }) {
  const query = useQuery({
    queryKey: ['fhir-apps', 'consent', uid],
    queryFn: () => getJson<ConsentDetails>(url(uid)),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <QueryBoundary query={query} what="the app's request">
      {(details) => <ConsentForm uid={uid} details={details} />}
    </QueryBoundary>
  );
}

export function ConsentPage() {
  const { uid } = useParams({ from: '/members/connected-apps/authorize/$uid' });
  const session = useSession();
  const signedIn = session.data?.signedIn && session.data.stage === 'full';
  return (
    <Page title="Connect an app" heading="Connect an app to your records" eyebrow="Members">
      {session.isPending ? null : !signedIn ? (
        <SignInFirst />
      ) : session.data?.user?.role !== 'member' ? (
        <Alert heading="This page is for members" headingLevel="2" variation="warn">
          <p>You are signed in with an account that is not a member account.</p>
        </Alert>
      ) : (
        <ConsentBody uid={uid} />
      )}
    </Page>
  );
}
