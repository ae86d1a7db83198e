import { Alert } from '@cmsgov/design-system';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { postJson } from '../../../../components/api/client';
import { Section } from '../../../../components/content/Section';
import {
  CheckboxField,
  Field,
  Form,
  FormActions,
  SubmitButton,
  useZodForm,
} from '../../../../components/form';
import { fileToBase64 } from '../../../../components/prior-auth/case-parts';
import type { PatientFound, QuestionnaireResponse } from '../pa-types';
import type { ChosenDrug } from './ChooseDrug';
import { CriteriaQuestions } from './CriteriaQuestions';
import { coverageRequestForm, type RequestFields } from './request-form-schema';

function CoverageSummary({ questionnaire }: { questionnaire: QuestionnaireResponse }) {
  const { coverage, questionnaire: q, type } = questionnaire;
  return (
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
  );
}

function ExpeditedReason() {
  const expedited = useWatch<RequestFields, 'expedited'>({ name: 'expedited' });
  return expedited ? <Field name="expeditedReason" label="Why is this urgent?" rows={3} /> : null;
}

/** Step 3: the plan's criteria questions, urgency and documents; sent as one request, then its attachments. */
export function RequestForm({
  patient,
  drug,
  questionnaire,
}: {
  patient: PatientFound;
  drug: ChosenDrug;
  questionnaire: QuestionnaireResponse;
}) {
  const navigate = useNavigate();
  const { coverage, questionnaire: q, type } = questionnaire;
  const tierException = type === 'formulary_exception' && coverage.status === 'covered';
  const schema = useMemo(
    () =>
      coverageRequestForm({
        type,
        patientHandle: patient.patientHandle,
        drugGroupId: drug.drugGroupId,
        tierException,
      }),
    [type, patient.patientHandle, drug.drugGroupId, tierException],
  );
  const form = useZodForm(schema, {
    defaultValues: {
      quantityMilli: '',
      daysSupply: '30',
      expedited: false,
      expeditedReason: '',
      requestedTier: '',
      answers: {
        diagnosisCodes: '',
        triedDrugs: [],
        labs: q.questions
          .filter((question) => question.kind === 'lab')
          .map((question) => ({ code: question.labCode ?? question.id, value: '', takenOn: '' })),
        attestations: {},
        notes: '',
      },
    },
  });
  const [files, setFiles] = useState<File[]>([]);

  async function send(body: unknown) {
    const created = await postJson<{ id: string }>('/api/prior-auth/prescriber/cases', body);
    for (const file of files) {
      await postJson(`/api/prior-auth/prescriber/cases/${created.id}/attachments`, {
        fileName: file.name,
        contentBase64: await fileToBase64(file),
      });
    }
    await navigate({ to: '/prescribers/prior-auth/$caseId', params: { caseId: created.id } });
  }

  return (
    <Section heading="3. Answer the criteria questions">
      <p>
        Patient: <strong>{`${patient.firstName} ${patient.lastName}`}</strong> · Drug:{' '}
        <strong>{drug.name}</strong>
      </p>
      <CoverageSummary questionnaire={questionnaire} />
      <h3>Criteria for {q.title}</h3>
      <ul>
        {q.criteria.map((c) => (
          <li key={c.id}>{c.label}</li>
        ))}
      </ul>
      <Form form={form} onSubmit={send} className="pa-form" aria-label="Coverage request">
        <CriteriaQuestions questions={q.questions} />
        {tierException ? (
          <Field
            name="requestedTier"
            label="Tier asked for"
            options={[
              { value: '', label: 'Choose a tier' },
              ...[1, 2, 3]
                .filter((t) => coverage.tier !== null && t < coverage.tier)
                .map((t) => ({ value: String(t), label: `Tier ${t}` })),
            ]}
          />
        ) : null}
        <fieldset>
          <legend>Urgency</legend>
          <CheckboxField
            name="expedited"
            label="Expedited: waiting up to 7 days could seriously harm the patient (decision within 72 hours)"
          />
        </fieldset>
        <ExpeditedReason />
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
        <FormActions>
          <SubmitButton>Send request</SubmitButton>
        </FormActions>
      </Form>
    </Section>
  );
}
