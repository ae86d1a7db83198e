import { Button, TextField } from '@cmsgov/design-system';
import type { ViewableMember } from '@openpbm/shared/benefits';
import type { MemberCase } from '@openpbm/shared/prior-auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { ApiError, errorMessage, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { formatDate } from '../../../components/format/dates';
import { Facts, Loading, StatusTag } from '../../prescribers/prior-auth/pa-common';
import { MemberGate } from '../benefits/MemberGate';
import { MemberPicker } from '../benefits/MemberPicker';

function AppealForm({ c, onDone }: { c: MemberCase; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const appeal = useMutation({
    mutationFn: () => postJson(`/api/prior-auth/member/cases/${c.id}/appeal`, { note }),
    onSuccess: onDone,
  });
  if (!open) {
    return (
      <Button size="small" onClick={() => setOpen(true)}>
        Appeal this decision<span className="ds-u-visibility--screen-reader"> about {c.drugName}</span>
      </Button>
    );
  }
  return (
    <div className="pa-form">
      <TextField
        id={`appeal-${c.id}`}
        name="note"
        label="Why should we change this decision?"
        hint="Tell us what is new, for example medicines you tried before or a change in your health. A different clinician reviews your appeal."
        multiline
        rows={4}
        value={note}
        onChange={(e: ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) => setNote(e.target.value)}
        errorMessage={appeal.error instanceof ApiError ? appeal.error.fieldErrors().note : undefined}
      />
      <Button
        variation="solid"
        className="ds-u-margin-top--2"
        disabled={appeal.isPending}
        onClick={() => appeal.mutate()}
      >
        Send appeal
      </Button>
      {appeal.error && !(appeal.error instanceof ApiError && appeal.error.status === 400) ? (
        <p role="alert">{errorMessage(appeal.error)}</p>
      ) : null}
    </div>
  );
}

function CaseCard({ c, onChange }: { c: MemberCase; onChange: () => void }) {
  return (
    <li className="pa-case-card">
      <h3 className="pa-case-card__title">
        {c.drugName} <StatusTag status={c.status} label={c.statusLabel} />
      </h3>
      <p>{c.summary}</p>
      <Facts
        rows={[
          [
            'Request',
            `${c.typeLabel} ${c.caseNumber}${c.parentCaseNumber ? ` (appeal of ${c.parentCaseNumber})` : ''}`,
          ],
          ['Received', formatDate(c.submittedOn)],
          ...(c.dueOn ? ([['Decision by', formatDate(c.dueOn)]] as Array<[string, string]>) : []),
          ...(c.decidedOn ? ([['Decided', formatDate(c.decidedOn)]] as Array<[string, string]>) : []),
          ...(c.effectiveFrom
            ? ([['Covered', `${formatDate(c.effectiveFrom)} through ${formatDate(c.effectiveTo)}`]] as Array<
                [string, string]
              >)
            : []),
        ]}
      />
      {c.appealBy ? <AppealForm c={c} onDone={onChange} /> : null}
    </li>
  );
}

function CaseList({ memberId }: { memberId: string }) {
  const client = useQueryClient();
  const key = ['prior-auth', 'member', memberId];
  const cases = useQuery({
    queryKey: key,
    queryFn: () => getJson<{ cases: MemberCase[] }>(`/api/prior-auth/member/cases?memberId=${memberId}`),
  });
  if (cases.isPending) return <Loading />;
  if (cases.isError) {
    return <LoadError error={cases.error} what="your requests" />;
  }
  if (cases.data.cases.length === 0) {
    return <p>There are no prior authorizations, formulary exceptions or appeals for this person.</p>;
  }
  return (
    <ul className="pa-cases">
      {cases.data.cases.map((c) => (
        <CaseCard key={c.id} c={c} onChange={() => client.invalidateQueries({ queryKey: key })} />
      ))}
    </ul>
  );
}

function Body({ members, notice }: { members: ViewableMember[]; notice: string | null }) {
  const [memberId, setMemberId] = useState(members[0]?.memberId ?? '');
  return (
    <>
      <MemberPicker members={members} notice={notice} value={memberId} onChange={setMemberId} />
      <Section heading="Your requests">{memberId ? <CaseList memberId={memberId} /> : null}</Section>
    </>
  );
}

export function MemberPriorAuthPage() {
  return (
    <Page
      title="Prior authorizations and appeals"
      eyebrow="Members"
      heading="Prior authorizations and appeals"
      lead="Some medicines need your plan’s approval first. Here you can follow each request your prescriber sent, see the decision and why, and appeal a denial."
    >
      <MemberGate purpose="your prior authorizations">
        {(members, notice) => <Body members={members} notice={notice} />}
      </MemberGate>
    </Page>
  );
}
