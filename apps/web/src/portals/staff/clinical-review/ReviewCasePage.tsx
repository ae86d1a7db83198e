import { Alert, Button, ChoiceList, TextField } from '@cmsgov/design-system';
import { approveDecision, CASE_TYPE_LABELS, denyDecision, type ReviewCase } from '@openpbm/shared/prior-auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { ErrorSummary, type SummaryError } from '../../../components/form/ErrorSummary';
import { formatDate, formatInstant } from '../../../components/format/dates';
import {
  CriteriaFindings,
  Facts,
  formatUnits,
  isOpenCase,
  Loading,
  RoleGate,
  StatusTag,
  Timeline,
} from '../../prescribers/prior-auth/pa-common';

type Change = ChangeEvent<HTMLInputElement | HTMLTextAreaElement>;

/** From the patient's today (their time zone) for a year: the usual approval period. */
function defaultPeriod(patientToday: string): { from: string; to: string } {
  const [year, month, day] = patientToday.split('-').map(Number);
  const end = new Date(Date.UTC((year ?? 1970) + 1, (month ?? 1) - 1, (day ?? 1) - 1));
  return { from: patientToday, to: end.toISOString().slice(0, 10) };
}

function issuesOf(error: unknown, ids: Record<string, string>): SummaryError[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return (error.problem?.errors ?? []).map((e) => {
    const field = e.field.replace(/^body\./, '');
    return { fieldId: ids[field] ?? Object.values(ids)[0] ?? 'pa-approve-reason', message: e.message };
  });
}

const APPROVE_IDS = {
  effectiveFrom: 'pa-approve-from',
  effectiveTo: 'pa-approve-to',
  quantityMilliPerFill: 'pa-approve-quantity',
  daysSupplyPerFill: 'pa-approve-days',
  reason: 'pa-approve-reason',
};

function ApproveForm({ c, onDone }: { c: ReviewCase; onDone: () => void }) {
  const period = defaultPeriod(c.patientToday);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [quantity, setQuantity] = useState(
    c.requested.quantityMilli ? String(c.requested.quantityMilli / 1000) : '',
  );
  const [days, setDays] = useState(c.requested.daysSupply ? String(c.requested.daysSupply) : '30');
  const [reason, setReason] = useState('Approved: the coverage criteria are met.');
  const [local, setLocal] = useState<SummaryError[]>([]);
  const approve = useMutation({
    mutationFn: (body: unknown) => postJson(`/api/prior-auth/review/cases/${c.id}/approve`, body),
    onSuccess: onDone,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = approveDecision.safeParse({
      effectiveFrom: from,
      effectiveTo: to,
      quantityMilliPerFill: Math.round(Number(quantity || Number.NaN) * 1000),
      daysSupplyPerFill: Number(days || Number.NaN),
      reason,
    });
    if (!parsed.success) {
      setLocal(
        parsed.error.issues.map((i) => ({
          fieldId: APPROVE_IDS[String(i.path[0]) as keyof typeof APPROVE_IDS] ?? APPROVE_IDS.reason,
          message: i.message,
        })),
      );
      return;
    }
    setLocal([]);
    approve.mutate(parsed.data);
  }
  const errors = [...local, ...issuesOf(approve.error, APPROVE_IDS)];
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <form noValidate onSubmit={submit} className="pa-form" aria-label="Approve">
      <ErrorSummary errors={errors} />
      <TextField
        id={APPROVE_IDS.effectiveFrom}
        name="effectiveFrom"
        label="Covered from"
        hint="YYYY-MM-DD"
        value={from}
        onChange={(e: Change) => setFrom(e.target.value)}
        errorMessage={errorFor(APPROVE_IDS.effectiveFrom)}
      />
      <TextField
        id={APPROVE_IDS.effectiveTo}
        name="effectiveTo"
        label="Covered through"
        hint="YYYY-MM-DD, the last covered day"
        value={to}
        onChange={(e: Change) => setTo(e.target.value)}
        errorMessage={errorFor(APPROVE_IDS.effectiveTo)}
      />
      <TextField
        id={APPROVE_IDS.quantityMilliPerFill}
        name="quantity"
        label="Quantity per fill"
        inputMode="decimal"
        size="small"
        value={quantity}
        onChange={(e: Change) => setQuantity(e.target.value)}
        errorMessage={errorFor(APPROVE_IDS.quantityMilliPerFill)}
      />
      <TextField
        id={APPROVE_IDS.daysSupplyPerFill}
        name="daysSupply"
        label="Days supply per fill"
        inputMode="numeric"
        size="small"
        value={days}
        onChange={(e: Change) => setDays(e.target.value)}
        errorMessage={errorFor(APPROVE_IDS.daysSupplyPerFill)}
      />
      <TextField
        id={APPROVE_IDS.reason}
        name="reason"
        label="Reason (the member and prescriber read it)"
        multiline
        rows={2}
        value={reason}
        onChange={(e: Change) => setReason(e.target.value)}
        errorMessage={errorFor(APPROVE_IDS.reason)}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--2" disabled={approve.isPending}>
        Approve
      </Button>
      {approve.error && !(approve.error instanceof ApiError && approve.error.status === 400) ? (
        <Alert variation="error" heading="Not approved" headingLevel="3" role="alert">
          <p>{errorMessage(approve.error)}</p>
        </Alert>
      ) : null}
    </form>
  );
}

const DENY_IDS = { reason: 'pa-deny-reason', criteriaNotMet: 'pa-deny-criteria' };

function DenyForm({ c, onDone }: { c: ReviewCase; onDone: () => void }) {
  const candidates = c.evaluation.filter((r) => r.status !== 'met').map((r) => r.label);
  const [chosen, setChosen] = useState<string[]>(candidates);
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<SummaryError[]>([]);
  const deny = useMutation({
    mutationFn: (body: unknown) => postJson(`/api/prior-auth/review/cases/${c.id}/deny`, body),
    onSuccess: onDone,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = denyDecision.safeParse({
      reason,
      criteriaNotMet: [...chosen, ...(other.trim() ? [other.trim()] : [])],
    });
    if (!parsed.success) {
      setLocal(
        parsed.error.issues.map((i) => ({
          fieldId: DENY_IDS[String(i.path[0]) as keyof typeof DENY_IDS] ?? DENY_IDS.reason,
          message: i.message,
        })),
      );
      return;
    }
    setLocal([]);
    deny.mutate(parsed.data);
  }
  const errors = [...local, ...issuesOf(deny.error, DENY_IDS)];
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <form noValidate onSubmit={submit} className="pa-form" aria-label="Deny">
      <ErrorSummary errors={errors} />
      {candidates.length > 0 ? (
        <ChoiceList
          id={DENY_IDS.criteriaNotMet}
          name="criteriaNotMet"
          type="checkbox"
          label="Criteria not met"
          choices={candidates.map((label) => ({ value: label, label, checked: chosen.includes(label) }))}
          onChange={(e: ChangeEvent<HTMLInputElement>) =>
            setChosen(
              e.target.checked ? [...chosen, e.target.value] : chosen.filter((x) => x !== e.target.value),
            )
          }
          errorMessage={errorFor(DENY_IDS.criteriaNotMet)}
        />
      ) : null}
      <TextField
        id={candidates.length > 0 ? 'pa-deny-other' : DENY_IDS.criteriaNotMet}
        name="other"
        label="Other criterion not met (optional)"
        value={other}
        onChange={(e: Change) => setOther(e.target.value)}
      />
      <TextField
        id={DENY_IDS.reason}
        name="reason"
        label="Reason in plain language (the member and prescriber read it)"
        multiline
        rows={3}
        value={reason}
        onChange={(e: Change) => setReason(e.target.value)}
        errorMessage={errorFor(DENY_IDS.reason)}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--2" disabled={deny.isPending}>
        Deny
      </Button>
      {deny.error && !(deny.error instanceof ApiError && deny.error.status === 400) ? (
        <Alert variation="error" heading="Not denied" headingLevel="3" role="alert">
          <p>{errorMessage(deny.error)}</p>
        </Alert>
      ) : null}
    </form>
  );
}

function RequestInfoForm({ c, onDone }: { c: ReviewCase; onDone: () => void }) {
  const [question, setQuestion] = useState('');
  const ask = useMutation({
    mutationFn: () => postJson(`/api/prior-auth/review/cases/${c.id}/request-info`, { question }),
    onSuccess: onDone,
  });
  return (
    <div className="pa-form">
      <TextField
        id="pa-info-question"
        name="question"
        label="What do you need from the prescriber?"
        hint="The prescriber is notified; the decision clock stops until they answer (48 hours expedited, 14 days standard)."
        multiline
        rows={3}
        value={question}
        onChange={(e: Change) => setQuestion(e.target.value)}
        errorMessage={ask.error instanceof ApiError ? ask.error.fieldErrors().question : undefined}
      />
      <Button className="ds-u-margin-top--2" disabled={ask.isPending} onClick={() => ask.mutate()}>
        Ask the prescriber
      </Button>
    </div>
  );
}

function CaseReview({ caseId }: { caseId: string }) {
  const client = useQueryClient();
  const key = ['prior-auth', 'review', 'case', caseId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => getJson<ReviewCase>(`/api/prior-auth/review/cases/${caseId}`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['prior-auth', 'review'] });
  const start = useMutation({
    mutationFn: () => postJson(`/api/prior-auth/review/cases/${caseId}/start`),
    onSuccess: refresh,
  });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return <LoadError error={query.error} what="this case" />;
  }
  const c = query.data;
  const open = isOpenCase(c.status);
  const answers = c.answers;
  return (
    <>
      <Section heading={`${CASE_TYPE_LABELS[c.type]} ${c.caseNumber}`}>
        <Facts
          rows={[
            ['Status', <StatusTag key="s" status={c.status} />],
            [
              'Decision due',
              c.clockPaused
                ? `Clock stopped; prescriber answers by ${formatInstant(c.infoDueAt)}`
                : formatInstant(c.dueAt),
            ],
            ...(c.overdue
              ? ([['Overdue', c.escalated ? 'Yes, escalated' : 'Yes']] as Array<[string, string]>)
              : []),
            ['Expedited', c.expedited ? `Yes: ${c.expeditedReason ?? ''}` : 'No'],
            [
              'Patient',
              `${c.patient.firstName} ${c.patient.lastName}, ${c.patient.ageYears} years, sex ${c.patient.gender}`,
            ],
            ['Prescriber', `${c.prescriber.name} (NPI ${c.prescriber.npi}), ${c.prescriber.specialty}`],
            [
              'Drug',
              `${c.drug.name} (${c.drug.formularyStatus.replaceAll('_', ' ')}${c.drug.tier ? `, tier ${c.drug.tier}` : ''})`,
            ],
            ...(c.requestedTier
              ? ([['Tier asked for', String(c.requestedTier)]] as Array<[string, string]>)
              : []),
            [
              'Asked for',
              `${formatUnits(c.requested.quantityMilli)} units for ${c.requested.daysSupply ?? '—'} days per fill`,
            ],
          ]}
        />
        {c.appealOf ? (
          <Alert heading={`Appeal of ${c.appealOf.caseNumber}`} headingLevel="3" variation="warn">
            <p>Denied because: {c.appealOf.decisionReason}</p>
            <p>Criteria not met: {c.appealOf.criteriaNotMet.join('; ')}</p>
          </Alert>
        ) : null}
      </Section>
      <Section heading="The request">
        <Facts
          rows={[
            ['Diagnosis codes', answers.diagnosisCodes.join(', ') || '—'],
            ['Drugs tried', answers.triedDrugs.map((t) => `${t.name} (${t.outcome})`).join(', ') || '—'],
            [
              'Lab results',
              answers.labs.map((l) => `${l.code}: ${l.value} on ${formatDate(l.takenOn)}`).join(', ') || '—',
            ],
            [
              'Statements',
              Object.entries(answers.attestations)
                .filter(([, v]) => v)
                .map(([k]) => k.replaceAll('_', ' '))
                .join(', ') || '—',
            ],
            ['Notes', answers.notes ?? '—'],
          ]}
        />
      </Section>
      <Section heading={`Criteria: ${c.criteriaTitle}`}>
        <CriteriaFindings findings={c.evaluation} showEvidence />
        <h3>Relevant paid claims</h3>
        {c.relevantClaims.length === 0 ? (
          <p>No paid claims of the prerequisite drugs or this drug.</p>
        ) : (
          <ul>
            {c.relevantClaims.map((f) => (
              <li key={`${f.drugName}-${f.fillDate}-${f.daysSupply}`}>
                {formatDate(f.fillDate)}: {f.drugName}, {f.daysSupply} days
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section heading="Documents">
        {c.attachments.length === 0 ? <p>No documents attached.</p> : null}
        <ul className="pa-attachments">
          {c.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/prior-auth/cases/${c.id}/attachments/${a.id}`}>{a.fileName}</a> ({a.contentType})
            </li>
          ))}
        </ul>
      </Section>
      {open ? (
        <Section heading="Decision">
          {!c.mayDecide ? (
            <Alert variation="warn" heading="Another reviewer must decide this appeal" headingLevel="3">
              <p>You decided the case this appeal is about.</p>
            </Alert>
          ) : (
            <>
              {!c.assignedToMe ? (
                <Button onClick={() => start.mutate()} disabled={start.isPending}>
                  Start review
                </Button>
              ) : null}
              {start.error ? <p role="alert">{errorMessage(start.error)}</p> : null}
              <h3>Approve</h3>
              <ApproveForm c={c} onDone={refresh} />
              <h3>Deny</h3>
              <DenyForm c={c} onDone={refresh} />
              {c.status !== 'pending_info' ? (
                <>
                  <h3>Request more information</h3>
                  <RequestInfoForm c={c} onDone={refresh} />
                </>
              ) : null}
            </>
          )}
        </Section>
      ) : (
        <Section heading="Decision">
          <Facts
            rows={[
              ['Decided', formatInstant(c.decision.decidedAt)],
              ['Reason', c.decision.decisionReason ?? '—'],
              ...(c.status === 'approved'
                ? ([
                    [
                      'Covered',
                      `${formatDate(c.decision.effectiveFrom)} through ${formatDate(c.decision.effectiveTo)}`,
                    ],
                    [
                      'Per fill',
                      `${formatUnits(c.decision.approvedQuantityMilli)} units, ${c.decision.approvedDaysSupply ?? '—'} days`,
                    ],
                  ] as Array<[string, string]>)
                : []),
              ...(c.decision.criteriaNotMet.length
                ? ([['Criteria not met', c.decision.criteriaNotMet.join('; ')]] as Array<[string, string]>)
                : []),
              ['Automatic', c.decision.autoApproved ? 'Yes (criteria engine)' : 'No'],
            ]}
          />
        </Section>
      )}
      <Section heading="Timeline">
        <Timeline events={c.events} />
      </Section>
    </>
  );
}

export function ReviewCasePage() {
  const { caseId } = useParams({ from: '/staff/clinical-review/$caseId' });
  return (
    <Page title="Clinical review" eyebrow="Clinical review" heading="Clinical review">
      <RoleGate forRole="clinical_reviewer" purpose="clinical review">
        <CaseReview caseId={caseId} />
      </RoleGate>
    </Page>
  );
}
