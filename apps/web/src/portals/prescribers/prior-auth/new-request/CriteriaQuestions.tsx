import { Button } from '@cmsgov/design-system';
import { useFieldArray } from 'react-hook-form';
import { CheckboxField, Field } from '../../../../components/form';
import type { Questionnaire } from '../pa-types';
import { type RequestFields, TRIED_OUTCOMES } from './request-form-schema';

type Question = Questionnaire['questions'][number];

/** The drugs the patient tried, one row each, with rows added as the prescriber needs them. */
function TriedDrugs({ question }: { question: Question }) {
  const { fields, append } = useFieldArray<RequestFields>({ name: 'answers.triedDrugs' });
  return (
    <fieldset>
      <legend>{question.label}</legend>
      <p className="ds-c-hint">{question.hint}</p>
      {fields.map((row, index) => (
        <div key={row.id} className="pa-tried-row">
          <Field name={`answers.triedDrugs.${index}.name`} label={`Drug ${index + 1}`} />
          <Field
            name={`answers.triedDrugs.${index}.outcome`}
            label={`Outcome ${index + 1}`}
            options={TRIED_OUTCOMES}
          />
        </div>
      ))}
      <Button
        size="small"
        className="ds-u-margin-top--2"
        onClick={() => append({ name: '', outcome: 'failed' })}
      >
        Add a drug
      </Button>
    </fieldset>
  );
}

/** One field (or group) per question of the plan's questionnaire, in its order. */
export function CriteriaQuestions({ questions }: { questions: Questionnaire['questions'] }) {
  const labIndex = (id: string) => questions.filter((q) => q.kind === 'lab').findIndex((q) => q.id === id);
  return (
    <>
      {questions.map((question) => {
        switch (question.kind) {
          case 'diagnosis_codes':
            return (
              <Field
                key={question.id}
                name="answers.diagnosisCodes"
                label={question.label}
                hint={`${question.hint ?? ''} Separate several codes with commas.`}
              />
            );
          case 'drugs_tried':
            return <TriedDrugs key={question.id} question={question} />;
          case 'lab': {
            const index = labIndex(question.id);
            return (
              <fieldset key={question.id}>
                <legend>{question.label}</legend>
                <Field
                  name={`answers.labs.${index}.value`}
                  label={`Result (${question.unit ?? ''})`}
                  inputMode="decimal"
                  className="kit-field--short"
                />
                <Field
                  name={`answers.labs.${index}.takenOn`}
                  label="Date taken"
                  hint="YYYY-MM-DD"
                  className="kit-field--short"
                />
              </fieldset>
            );
          }
          case 'attestation':
            return (
              <fieldset key={question.id}>
                <legend>Prescriber statement</legend>
                <CheckboxField name={`answers.attestations.${question.id}`} label={question.label} />
              </fieldset>
            );
          case 'quantity':
            return (
              <fieldset key={question.id}>
                <legend>{question.label}</legend>
                <p className="ds-c-hint">{question.hint}</p>
                <Field
                  name="quantityMilli"
                  label="Quantity per fill"
                  hint="Tablets, mL or grams, as on the prescription."
                  inputMode="decimal"
                  className="kit-field--short"
                />
                <Field
                  name="daysSupply"
                  label="Days supply"
                  inputMode="numeric"
                  className="kit-field--short"
                />
              </fieldset>
            );
          case 'notes':
            return (
              <Field
                key={question.id}
                name="answers.notes"
                label={question.label}
                hint={question.hint}
                rows={4}
              />
            );
          default:
            return null;
        }
      })}
    </>
  );
}
