// The member's privacy page: the current notice to acknowledge, choices (marketing, research, de-identified data),
// who has seen my record, the accounting of disclosures and "download my data". For the member and the children
// under 18 they manage.
import { Alert, Button } from '@cmsgov/design-system';
import type { ViewableMember } from '@openpbm/shared/benefits';
import {
  type AccountingResponse,
  type ChoicesResponse,
  type MyNoticeStatus,
  privacyChoices,
  type RecordAccessResponse,
  type RecordExportView,
} from '@openpbm/shared/privacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson, postJson, putJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { CheckboxField, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { MemberGate } from '../benefits/MemberGate';
import { MemberPicker } from '../benefits/MemberPicker';

const forMember = (url: string, memberId: string) => `${url}?memberId=${encodeURIComponent(memberId)}`;

function NoticeAcknowledgement() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['privacy', 'my-notice'],
    queryFn: () => getJson<MyNoticeStatus>('/api/privacy/my-notice'),
  });
  const ack = useMutation({
    mutationFn: (id: string) => postJson<MyNoticeStatus>(`/api/privacy/notices/${id}/acknowledgement`),
    onSuccess: (data) => client.setQueryData(['privacy', 'my-notice'], data),
  });
  return (
    <Section heading="Privacy notice">
      <QueryBoundary query={query} what="the privacy notice">
        {({ current, acknowledgedAt }) =>
          !current ? (
            <p>No privacy notice has been published yet.</p>
          ) : (
            <>
              <p>
                Version {current.version} takes effect on {formatDate(current.effectiveDate)}. What changed:{' '}
                {current.summaryOfChanges} <Link to="/privacy">Read the full notice</Link>.
              </p>
              {acknowledgedAt ? (
                <Alert variation="success" headingLevel="3" heading="Acknowledged" role="status">
                  You acknowledged this notice on {formatInstant(acknowledgedAt)}.
                </Alert>
              ) : (
                <Button variation="solid" disabled={ack.isPending} onClick={() => ack.mutate(current.id)}>
                  I have read this notice
                </Button>
              )}
              <ActionError error={ack.error} heading="The notice was not acknowledged" />
            </>
          )
        }
      </QueryBoundary>
    </Section>
  );
}

function ChoicesForm({ choices }: { choices: ChoicesResponse }) {
  const client = useQueryClient();
  const form = useZodForm(privacyChoices, { defaultValues: choices });
  const [saved, setSaved] = useState(false);
  async function save(values: {
    marketingOptOut: boolean;
    researchOptOut: boolean;
    deidentifiedOptOut: boolean;
  }) {
    setSaved(false);
    const next = await putJson<ChoicesResponse>('/api/privacy/choices', {
      ...values,
      memberId: choices.memberId,
    });
    client.setQueryData(['privacy', 'choices', choices.memberId], next);
    setSaved(true);
  }
  return (
    <Form form={form} onSubmit={save} aria-label="Privacy choices">
      {saved ? (
        <Alert variation="success" headingLevel="3" heading="Your choices are saved" role="status">
          We apply them to everything we produce from now on.
        </Alert>
      ) : null}
      <CheckboxField name="marketingOptOut" label="Do not use my data for marketing" />
      <CheckboxField name="researchOptOut" label="Do not use my data for research" />
      <CheckboxField
        name="deidentifiedOptOut"
        label="Leave my records out of de-identified reports and data extracts"
        hint="Reports for your plan sponsor and data extracts never name you, but you can ask to be left out of them."
      />
      <SubmitButton pending="Saving…">Save my choices</SubmitButton>
    </Form>
  );
}

function Choices({ memberId }: { memberId: string }) {
  const query = useQuery({
    queryKey: ['privacy', 'choices', memberId],
    queryFn: () => getJson<ChoicesResponse>(forMember('/api/privacy/choices', memberId)),
  });
  return (
    <Section heading="Your choices">
      <QueryBoundary query={query} what="your choices">
        {(choices) => <ChoicesForm key={choices.memberId} choices={choices} />}
      </QueryBoundary>
    </Section>
  );
}

function WhoHasSeen({ memberId }: { memberId: string }) {
  const query = useQuery({
    queryKey: ['privacy', 'accesses', memberId],
    queryFn: () => getJson<RecordAccessResponse>(forMember('/api/privacy/record-accesses', memberId)),
  });
  return (
    <Section
      heading="Who has seen this record"
      intro="Every time someone opened or changed this record. Our staff are shown by role and staff ID."
    >
      <QueryBoundary query={query} what="who has seen this record">
        {({ accesses }) =>
          accesses.length === 0 ? (
            <p>No one has opened this record yet.</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe scrollable-region-focusable)
            <section className="privacy-table" aria-label="Accesses to this record" tabIndex={0}>
              <table className="ds-c-table ds-c-table--borderless">
                <caption className="ds-u-visibility--screen-reader">
                  Accesses to this record, newest first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Organization</th>
                    <th scope="col">Purpose</th>
                    <th scope="col">What</th>
                  </tr>
                </thead>
                <tbody>
                  {accesses.slice(0, 100).map((a) => (
                    <tr key={a.id}>
                      <td>{formatInstant(a.at)}</td>
                      <td>{a.staffId ? `${a.role} (${a.staffId})` : a.role}</td>
                      <td>{a.organization}</td>
                      <td>{a.purpose}</td>
                      <td>
                        {a.action}: {a.what.toLowerCase()}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )
        }
      </QueryBoundary>
    </Section>
  );
}

function Accounting({ memberId }: { memberId: string }) {
  const query = useQuery({
    queryKey: ['privacy', 'disclosures', memberId],
    queryFn: () => getJson<AccountingResponse>(forMember('/api/privacy/disclosures', memberId)),
  });
  return (
    <Section
      heading="Disclosures of this record"
      intro="Disclosures outside treatment, payment and our operations, over the last 6 years."
    >
      <QueryBoundary query={query} what="the accounting of disclosures">
        {({ disclosures }) => (
          <>
            {disclosures.length === 0 ? (
              <p>We have not disclosed this record to anyone outside treatment, payment and operations.</p>
            ) : (
              <ul>
                {disclosures.map((d) => (
                  <li key={d.id}>
                    {formatDate(d.disclosedOn)}: {d.whatDisclosed}, to {d.recipient} ({d.purpose})
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a href={forMember('/api/privacy/disclosures.pdf', memberId)} download>
                Download the accounting (PDF)
              </a>{' '}
              or{' '}
              <a href={forMember('/api/privacy/disclosures.csv', memberId)} download>
                as a spreadsheet (CSV)
              </a>
            </p>
          </>
        )}
      </QueryBoundary>
    </Section>
  );
}

function DownloadMyData({ memberId }: { memberId: string }) {
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => postJson<RecordExportView>('/api/privacy/record-exports', { memberId }),
    onSuccess: (data) =>
      navigate({ to: '/members/privacy/exports/$exportId', params: { exportId: data.id } }),
  });
  return (
    <Section
      heading="Download all this data"
      intro="Profile, coverage, prescriptions, claims, orders, coverage requests, messages, choices and the audit of this record, as a FHIR R4 file. We e-mail you a link when it is ready."
    >
      <Button disabled={start.isPending} onClick={() => start.mutate()}>
        Prepare my download
      </Button>
      <ActionError error={start.error} heading="Your download was not started" />
    </Section>
  );
}

function PrivacyBody({ members, notice }: { members: ViewableMember[]; notice: string | null }) {
  const own = members.filter((m) => m.relationship !== 'proxy');
  const [memberId, setMemberId] = useState(own[0]?.memberId ?? '');
  return (
    <>
      <NoticeAcknowledgement />
      <MemberPicker members={own} notice={notice} value={memberId} onChange={setMemberId} />
      {memberId ? (
        <>
          <Choices memberId={memberId} />
          <WhoHasSeen memberId={memberId} />
          <Accounting memberId={memberId} />
          <DownloadMyData memberId={memberId} />
        </>
      ) : null}
    </>
  );
}

export function MemberPrivacyPage() {
  return (
    <Page title="Privacy" heading="Your privacy" eyebrow="Members">
      <MemberGate purpose="your privacy settings">
        {(members, notice) => <PrivacyBody members={members} notice={notice} />}
      </MemberGate>
    </Page>
  );
}
