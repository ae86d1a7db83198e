import { Alert, Button, ChoiceList, TextField } from '@cmsgov/design-system';
import { type SubmitCaseRequest, submitCaseRequest } from '@openpbm/shared/prior-auth';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { ErrorSummary, type SummaryError } from '../../../components/form/ErrorSummary';
import { SelectField } from '../../../components/form/SelectField';
import { VerifiedPrescriber } from './PrescriberCasesPage';
import { fileToBase64, RoleGate } from './pa-common';
import type { PatientFound, QuestionnaireResponse } from './pa-types';

type Change = ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>;

function FindPatient({ onFound }: { onFound: (patient: PatientFound) => void }) {
  const [memberNumber, setMemberNumber] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const lookup = useMutation({
    mutationFn: () =>
      postJson<PatientFound>('/api/prior-auth/prescriber/members/lookup', { memberNumber, dateOfBirth }),
    onSuccess: onFound,
  });
  const errors = lookup.error instanceof ApiError ? lookup.error.fieldErrors() : {};
  return (
    <Section heading="1. Find your patient" intro="Both must match the patient’s member ID card.">
      <form
        noValidate
        className="pa-form"
        aria-label="Find your patient"
        onSubmit={(event) => {
          event.preventDefault();
          lookup.mutate();
        }}
      >
        <TextField
          id="pa-member-number"
          name="memberNumber"
          label="Member ID"
          value={memberNumber}
          onChange={(e: Change) => setMemberNumber(e.target.value)}
          errorMessage={errors.memberNumber}
        />
        <TextField
          id="pa-date-of-birth"
          name="dateOfBirth"
          label="Date of birth"
          hint="YYYY-MM-DD"
          value={dateOfBirth}
          onChange={(e: Change) => setDateOfBirth(e.target.value)}
          errorMessage={errors.dateOfBirth}
        />
        <Button type="submit" variation="solid" className="ds-u-margin-top--3" disabled={lookup.isPending}>
          Find patient
        </Button>
        {lookup.error instanceof ApiError && lookup.error.status !== 400 ? (
          <Alert variation="error" heading="Patient not found" headingLevel="3" role="alert">
            <p>{errorMessage(lookup.error)}</p>
          </Alert>
        ) : null}
      </form>
    </Section>
  );
}

function ChooseDrug({ onChoose }: { onChoose: (drug: { drugGroupId: string; name: string }) => void }) {
  const [query, setQuery] = useState('');
  const search = useMutation({
    mutationFn: () =>
      postJson<{ drugs: Array<{ drugGroupId: string; name: string }> }>(
        '/api/prior-auth/prescriber/drugs/search',
        {
          query,
        },
      ),
  });
  return (
    <Section heading="2. Choose the drug">
      <form
        noValidate
        className="pa-form"
        aria-label="Find the drug"
        onSubmit={(event) => {
          event.preventDefault();
          search.mutate();
        }}
      >
        <TextField
          id="pa-drug-query"
          name="query"
          label="Drug name"
          value={query}
          onChange={(e: Change) => setQuery(e.target.value)}
          errorMessage={search.error instanceof ApiError ? search.error.fieldErrors().query : undefined}
        />
        <Button type="submit" className="ds-u-margin-top--2" disabled={search.isPending}>
          Search
        </Button>
      </form>
      <p role="status" className="ds-u-visibility--screen-reader">
        {search.data ? `${search.data.drugs.length} drugs found` : ''}
      </p>
      {search.data ? (
        search.data.drugs.length === 0 ? (
          <p>No drug matches that name.</p>
        ) : (
          <ul className="pa-choices">
            {search.data.drugs.map((drug) => (
              <li key={drug.drugGroupId} className="pa-choices__item">
                <span>{drug.name}</span>
                <Button size="small" onClick={() => onChoose(drug)}>
                  Choose<span className="ds-u-visibility--screen-reader"> {drug.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Section>
  );
}

interface TriedRow {
  /** A stable key for the row while the list is edited. */
  key: number;
  name: string;
  outcome: 'failed' | 'intolerant' | 'contraindicated';
}

const FIELD_IDS: Record<string, string> = {
  'answers.diagnosisCodes': 'pa-diagnosis',
  quantityMilli: 'pa-quantity',
  daysSupply: 'pa-days',
  expeditedReason: 'pa-expedited-reason',
  requestedTier: 'pa-tier',
};

function fieldIdOf(path: string): string {
  if (path.startsWith('answers.diagnosisCodes')) return FIELD_IDS['answers.diagnosisCodes'] ?? 'pa-diagnosis';
  return FIELD_IDS[path] ?? 'pa-notes';
}

function RequestForm({
  patient,
  drug,
  questionnaire,
}: {
  patient: PatientFound;
  drug: { drugGroupId: string; name: string };
  questionnaire: QuestionnaireResponse;
}) {
  const navigate = useNavigate();
  const { coverage, questionnaire: q, type } = questionnaire;
  const [diagnosis, setDiagnosis] = useState('');
  const [tried, setTried] = useState<TriedRow[]>([]);
  const [labs, setLabs] = useState<Record<string, { value: string; takenOn: string }>>({});
  const [attested, setAttested] = useState<Record<string, boolean>>({});
  const [quantity, setQuantity] = useState('');
  const [daysSupply, setDaysSupply] = useState('30');
  const [expedited, setExpedited] = useState(false);
  const [expeditedReason, setExpeditedReason] = useState('');
  const [requestedTier, setRequestedTier] = useState('');
  const [notes, setNotes] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const tierException = type === 'formulary_exception' && coverage.status === 'covered';

  const submit = useMutation({
    mutationFn: async (body: SubmitCaseRequest) => {
      const created = await postJson<{ id: string }>('/api/prior-auth/prescriber/cases', body);
      for (const file of files) {
        await postJson(`/api/prior-auth/prescriber/cases/${created.id}/attachments`, {
          fileName: file.name,
          contentBase64: await fileToBase64(file),
        });
      }
      return created;
    },
    onSuccess: (created) =>
      navigate({ to: '/prescribers/prior-auth/$caseId', params: { caseId: created.id } }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400) {
        setErrors(
          (error.problem?.errors ?? []).map((e) => ({
            fieldId: fieldIdOf(e.field.replace(/^body\./, '')),
            message: e.message,
          })),
        );
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const candidate = {
      type,
      patientHandle: patient.patientHandle,
      drugGroupId: drug.drugGroupId,
      quantityMilli: Math.round(Number(quantity || Number.NaN) * 1000),
      daysSupply: Number(daysSupply || Number.NaN),
      expedited,
      expeditedReason: expedited ? expeditedReason : null,
      requestedTier: tierException && requestedTier ? Number(requestedTier) : null,
      answers: {
        diagnosisCodes: diagnosis
          .split(/[,\s]+/)
          .map((c) => c.trim())
          .filter(Boolean),
        triedDrugs: tried.filter((t) => t.name.trim()).map(({ name, outcome }) => ({ name, outcome })),
        labs: Object.entries(labs)
          .filter(([, lab]) => lab.value.trim() && lab.takenOn.trim())
          .map(([code, lab]) => ({ code, value: Number(lab.value), takenOn: lab.takenOn })),
        attestations: attested,
        notes: notes || null,
      },
    };
    const parsed = submitCaseRequest.safeParse(candidate);
    if (!parsed.success) {
      setErrors(
        parsed.error.issues.map((issue) => ({
          fieldId: fieldIdOf(issue.path.join('.')),
          message: issue.message,
        })),
      );
      return;
    }
    setErrors([]);
    submit.mutate(parsed.data);
  }

  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <Section heading="3. Answer the criteria questions">
      <p>
        Patient: <strong>{`${patient.firstName} ${patient.lastName}`}</strong> · Drug:{' '}
        <strong>{drug.name}</strong>
      </p>
      <Alert
        heading={
          coverage.status === 'covered'
            ? `On the formulary at tier ${coverage.tier}${coverage.requiresPriorAuth ? ', prior authorization required' : ''}`
            : coverage.status === 'excluded'
              ? 'Excluded from the patient’s formulary'
              : 'Not on the patient’s formulary'
        }
        headingLevel="3"
        variation={coverage.suggestedRequest === 'none' ? 'success' : 'warn'}
      >
        <p>
          {type === 'prior_auth'
            ? 'You are asking for a prior authorization.'
            : 'You are asking for a formulary exception.'}{' '}
          {q.autoApprove
            ? 'When every criterion is met, the plan approves at once.'
            : 'A clinical pharmacist reviews this request.'}
        </p>
        {coverage.alternatives.length > 0 ? (
          <p>Formulary alternatives: {coverage.alternatives.map((a) => a.name).join(', ')}.</p>
        ) : null}
      </Alert>
      <h3>Criteria for {q.title}</h3>
      <ul>
        {q.criteria.map((c) => (
          <li key={c.id}>{c.label}</li>
        ))}
      </ul>
      <form noValidate onSubmit={onSubmit} className="pa-form" aria-label="Coverage request">
        <ErrorSummary errors={errors} />
        {q.questions.map((question) => {
          switch (question.kind) {
            case 'diagnosis_codes':
              return (
                <TextField
                  key={question.id}
                  id="pa-diagnosis"
                  name="diagnosisCodes"
                  label={question.label}
                  hint={`${question.hint ?? ''} Separate several codes with commas.`}
                  value={diagnosis}
                  onChange={(e: Change) => setDiagnosis(e.target.value)}
                  errorMessage={errorFor('pa-diagnosis')}
                />
              );
            case 'drugs_tried':
              return (
                <fieldset key={question.id}>
                  <legend>{question.label}</legend>
                  <p className="ds-c-hint">{question.hint}</p>
                  {tried.map((row, index) => (
                    <div key={row.key} className="pa-tried-row">
                      <TextField
                        name={`tried-${index}`}
                        label={`Drug ${index + 1}`}
                        value={row.name}
                        onChange={(e: { target: { value: string } }) =>
                          setTried(tried.map((t, i) => (i === index ? { ...t, name: e.target.value } : t)))
                        }
                      />
                      <SelectField
                        name={`tried-outcome-${index}`}
                        label={`Outcome ${index + 1}`}
                        value={row.outcome}
                        options={[
                          { value: 'failed', label: 'Did not work' },
                          { value: 'intolerant', label: 'Not tolerated' },
                          { value: 'contraindicated', label: 'Contraindicated' },
                        ]}
                        onChange={(e: { target: { value: string } }) =>
                          setTried(
                            tried.map((t, i) =>
                              i === index ? { ...t, outcome: e.target.value as TriedRow['outcome'] } : t,
                            ),
                          )
                        }
                      />
                    </div>
                  ))}
                  <Button
                    size="small"
                    className="ds-u-margin-top--2"
                    onClick={() => setTried([...tried, { key: Math.random(), name: '', outcome: 'failed' }])}
                  >
                    Add a drug
                  </Button>
                </fieldset>
              );
            case 'lab': {
              const code = question.labCode ?? question.id;
              const lab = labs[code] ?? { value: '', takenOn: '' };
              return (
                <fieldset key={question.id}>
                  <legend>{question.label}</legend>
                  <TextField
                    name={`lab-${code}-value`}
                    label={`Result (${question.unit ?? ''})`}
                    inputMode="decimal"
                    size="small"
                    value={lab.value}
                    onChange={(e: Change) => setLabs({ ...labs, [code]: { ...lab, value: e.target.value } })}
                  />
                  <TextField
                    name={`lab-${code}-date`}
                    label="Date taken"
                    hint="YYYY-MM-DD"
                    size="small"
                    value={lab.takenOn}
                    onChange={(e: Change) =>
                      setLabs({ ...labs, [code]: { ...lab, takenOn: e.target.value } })
                    }
                  />
                </fieldset>
              );
            }
            case 'attestation':
              return (
                <ChoiceList
                  key={question.id}
                  name={`attest-${question.id}`}
                  type="checkbox"
                  label="Prescriber statement"
                  choices={[{ value: 'yes', label: question.label, checked: attested[question.id] === true }]}
                  onChange={(e: ChangeEvent<HTMLInputElement>) =>
                    setAttested({ ...attested, [question.id]: e.target.checked })
                  }
                />
              );
            case 'quantity':
              return (
                <fieldset key={question.id}>
                  <legend>{question.label}</legend>
                  <p className="ds-c-hint">{question.hint}</p>
                  <TextField
                    id="pa-quantity"
                    name="quantity"
                    label="Quantity per fill"
                    hint="Tablets, mL or grams, as on the prescription."
                    inputMode="decimal"
                    size="small"
                    value={quantity}
                    onChange={(e: Change) => setQuantity(e.target.value)}
                    errorMessage={errorFor('pa-quantity')}
                  />
                  <TextField
                    id="pa-days"
                    name="daysSupply"
                    label="Days supply"
                    inputMode="numeric"
                    size="small"
                    value={daysSupply}
                    onChange={(e: Change) => setDaysSupply(e.target.value)}
                    errorMessage={errorFor('pa-days')}
                  />
                </fieldset>
              );
            case 'notes':
              return (
                <TextField
                  key={question.id}
                  id="pa-notes"
                  name="notes"
                  label={question.label}
                  hint={question.hint}
                  multiline
                  rows={4}
                  value={notes}
                  onChange={(e: Change) => setNotes(e.target.value)}
                />
              );
            default:
              return null;
          }
        })}
        {tierException ? (
          <SelectField
            id="pa-tier"
            name="requestedTier"
            label="Tier asked for"
            value={requestedTier}
            options={[
              { value: '', label: 'Choose a tier' },
              ...[1, 2, 3]
                .filter((t) => coverage.tier !== null && t < coverage.tier)
                .map((t) => ({ value: String(t), label: `Tier ${t}` })),
            ]}
            onChange={(e: { target: { value: string } }) => setRequestedTier(e.target.value)}
            errorMessage={errorFor('pa-tier')}
          />
        ) : null}
        <ChoiceList
          name="expedited"
          type="checkbox"
          label="Urgency"
          choices={[
            {
              value: 'yes',
              label:
                'Expedited: waiting up to 7 days could seriously harm the patient (decision within 72 hours)',
              checked: expedited,
            },
          ]}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setExpedited(e.target.checked)}
        />
        {expedited ? (
          <TextField
            id="pa-expedited-reason"
            name="expeditedReason"
            label="Why is this urgent?"
            multiline
            rows={3}
            value={expeditedReason}
            onChange={(e: Change) => setExpeditedReason(e.target.value)}
            errorMessage={errorFor('pa-expedited-reason')}
          />
        ) : null}
        <div className="ds-u-margin-top--3">
          <label className="ds-c-label" htmlFor="pa-files">
            Documents (optional)
          </label>
          <p className="ds-c-hint" id="pa-files-hint">
            Chart notes or lab reports: PDF, PNG or JPEG, at most 5 MB each.
          </p>
          <input
            id="pa-files"
            type="file"
            multiple
            accept="application/pdf,image/png,image/jpeg"
            aria-describedby="pa-files-hint"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </div>
        <div className="pa-actions">
          <Button type="submit" variation="solid" disabled={submit.isPending}>
            {submit.isPending ? 'Sending…' : 'Send request'}
          </Button>
        </div>
        {submit.error && !(submit.error instanceof ApiError && submit.error.status === 400) ? (
          <Alert variation="error" heading="The request was not sent" headingLevel="3" role="alert">
            <p>{errorMessage(submit.error)}</p>
          </Alert>
        ) : null}
      </form>
    </Section>
  );
}

function NewRequest() {
  const [patient, setPatient] = useState<PatientFound | null>(null);
  const [drug, setDrug] = useState<{ drugGroupId: string; name: string } | null>(null);
  const questionnaire = useMutation({
    mutationFn: (chosen: { drugGroupId: string }) =>
      postJson<QuestionnaireResponse>('/api/prior-auth/prescriber/questionnaire', {
        patientHandle: patient?.patientHandle,
        drugGroupId: chosen.drugGroupId,
      }),
  });
  if (!patient) return <FindPatient onFound={setPatient} />;
  return (
    <>
      <p>
        Patient: <strong>{`${patient.firstName} ${patient.lastName}`}</strong>{' '}
        <Button variation="ghost" size="small" onClick={() => setPatient(null)}>
          Change patient
        </Button>
      </p>
      {!drug || !questionnaire.data ? (
        <ChooseDrug
          onChoose={(chosen) => {
            setDrug(chosen);
            questionnaire.mutate(chosen);
          }}
        />
      ) : (
        <RequestForm patient={patient} drug={drug} questionnaire={questionnaire.data} />
      )}
      {questionnaire.error ? <LoadError error={questionnaire.error} what="the questionnaire" /> : null}
    </>
  );
}

export function NewRequestPage() {
  return (
    <Page
      title="New coverage request"
      eyebrow="For prescribers"
      heading="New coverage request"
      lead="Expedited requests are decided within 72 hours, standard ones within 7 calendar days."
    >
      <RoleGate forRole="prescriber" purpose="coverage requests">
        <VerifiedPrescriber>
          <NewRequest />
        </VerifiedPrescriber>
      </RoleGate>
    </Page>
  );
}
