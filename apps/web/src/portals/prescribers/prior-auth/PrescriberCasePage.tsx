import { Button } from '@cmsgov/design-system';
import {
  appealRequest,
  CASE_TYPE_LABELS,
  informationResponse,
  type PrescriberCase,
} from '@openpbm/shared/prior-auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { getJson, postJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { Facts } from '../../../components/content/Facts';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { StaffPage } from '../../../components/content/StaffPage';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { formatUnits } from '../../../components/format/money';
import {
  CriteriaFindings,
  fileToBase64,
  isOpenCase,
  StatusTag,
  Timeline,
} from '../../../components/prior-auth/case-parts';
import { VerifiedPrescriber } from './PrescriberCasesPage';

function AnswerInformation({ c, onDone }: { c: PrescriberCase; onDone: () => void }) {
  const form = useZodForm(informationResponse, { defaultValues: { note: '' } });
  return (
    <Section heading="The reviewer asked for more information">
      <blockquote>{c.informationRequested}</blockquote>
      <p>Answer by {formatInstant(c.infoDueAt)}. The decision clock is stopped until you answer.</p>
      <Form
        form={form}
        aria-label="Answer the reviewer"
        onSubmit={async (body) => {
          await postJson(`/api/prior-auth/prescriber/cases/${c.id}/information`, body);
          onDone();
        }}
      >
        <Field name="note" label="Your answer" rows={4} />
        <SubmitButton>Send answer</SubmitButton>
      </Form>
    </Section>
  );
}

function Attachments({ c, onDone }: { c: PrescriberCase; onDone: () => void }) {
  const open = isOpenCase(c.status);
  const upload = useMutation({
    mutationFn: async (file: File) =>
      postJson(`/api/prior-auth/prescriber/cases/${c.id}/attachments`, {
        fileName: file.name,
        contentBase64: await fileToBase64(file),
      }),
    onSuccess: onDone,
  });
  return (
    <Section heading="Documents">
      {c.attachments.length === 0 ? <p>No documents attached.</p> : null}
      <ul className="pa-attachments">
        {c.attachments.map((a) => (
          <li key={a.id}>
            <a href={`/api/prior-auth/cases/${c.id}/attachments/${a.id}`}>{a.fileName}</a> (
            {Math.ceil(a.sizeBytes / 1024)} KB, {formatInstant(a.uploadedAt)})
          </li>
        ))}
      </ul>
      {open ? (
        <>
          <label className="ds-c-label" htmlFor="pa-add-file">
            Attach a document
          </label>
          <p className="ds-c-hint" id="pa-add-file-hint">
            PDF, PNG or JPEG, at most 5 MB.
          </p>
          <input
            id="pa-add-file"
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            aria-describedby="pa-add-file-hint"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
            }}
          />
          <ActionError error={upload.error} heading="The document was not attached" />
        </>
      ) : null}
    </Section>
  );
}

function Appeal({ c }: { c: PrescriberCase }) {
  const navigate = useNavigate();
  const form = useZodForm(appealRequest, { defaultValues: { note: '' } });
  return (
    <Section
      heading="Appeal this decision"
      intro="A clinician who did not make this decision reviews the appeal."
    >
      <Form
        form={form}
        aria-label="Appeal this decision"
        onSubmit={async (body) => {
          const created = await postJson<{ id: string }>(
            `/api/prior-auth/prescriber/cases/${c.id}/appeal`,
            body,
          );
          await navigate({ to: '/prescribers/prior-auth/$caseId', params: { caseId: created.id } });
        }}
      >
        <Field name="note" label="What is new, and why the decision should change" rows={4} />
        <SubmitButton>Send appeal</SubmitButton>
      </Form>
    </Section>
  );
}

function CaseView({ caseId }: { caseId: string }) {
  const client = useQueryClient();
  const key = ['prior-auth', 'prescriber', 'case', caseId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => getJson<PrescriberCase>(`/api/prior-auth/prescriber/cases/${caseId}`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const withdraw = useMutation({
    mutationFn: () => postJson(`/api/prior-auth/prescriber/cases/${caseId}/withdraw`),
    onSuccess: refresh,
  });
  return (
    <QueryBoundary query={query} what="this request">
      {(data) => {
        const c = data;
        const open = isOpenCase(c.status);
        return (
          <>
            <Section heading={`${CASE_TYPE_LABELS[c.type]} ${c.caseNumber}`}>
              <Facts
                rows={[
                  ['Status', <StatusTag key="s" status={c.status} />],
                  ['Patient', `${c.member.firstName} ${c.member.lastName}`],
                  ['Drug', c.drugName],
                  ['Received', formatInstant(c.submittedAt)],
                  [
                    'Decision due',
                    open
                      ? c.clockPaused
                        ? 'Clock stopped: waiting for your answer'
                        : formatInstant(c.dueAt)
                      : '—',
                  ],
                  ['Expedited', c.expedited ? 'Yes (72 hours)' : 'No (7 calendar days)'],
                  ...(c.decidedAt
                    ? ([['Decided', formatInstant(c.decidedAt)]] as Array<[string, string]>)
                    : []),
                  ...(c.status === 'approved'
                    ? ([
                        [
                          'Covered from',
                          `${formatDate(c.effectiveFrom)} through ${formatDate(c.effectiveTo)}`,
                        ],
                        [
                          'Per fill',
                          `up to ${formatUnits(c.approvedQuantityMilli)} units, ${c.approvedDaysSupply ?? '—'} days`,
                        ],
                      ] as Array<[string, string]>)
                    : []),
                  ...(c.decisionReason ? ([['Reason', c.decisionReason]] as Array<[string, string]>) : []),
                  ...(c.criteriaNotMet.length > 0
                    ? ([['Criteria not met', c.criteriaNotMet.join('; ')]] as Array<[string, string]>)
                    : []),
                ]}
              />
              {open ? (
                <Button variation="ghost" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
                  Withdraw this request
                </Button>
              ) : null}
            </Section>
            {c.status === 'pending_info' ? <AnswerInformation c={c} onDone={refresh} /> : null}
            <Section heading="Criteria">
              <CriteriaFindings findings={c.evaluation} showEvidence />
            </Section>
            <Attachments c={c} onDone={refresh} />
            {c.canAppeal ? <Appeal c={c} /> : null}
            <Section heading="Timeline">
              <Timeline events={c.events} />
            </Section>
          </>
        );
      }}
    </QueryBoundary>
  );
}

export function PrescriberCasePage() {
  const { caseId } = useParams({ from: '/prescribers/prior-auth/$caseId' });
  return (
    <StaffPage
      title="Coverage request"
      eyebrow="For prescribers"
      heading="Coverage request"
      forRole="prescriber"
      purpose="this request"
    >
      <VerifiedPrescriber>
        <CaseView caseId={caseId} />
      </VerifiedPrescriber>
    </StaffPage>
  );
}
