import { useFormContext, useWatch } from 'react-hook-form';
import { Field } from '../components/form';
import { useChallengeQuestions } from './catalogs';

export interface ChallengeAnswer {
  questionId: string;
  answer: string;
}

export const emptyAnswers = (): ChallengeAnswer[] => [
  { questionId: '', answer: '' },
  { questionId: '', answer: '' },
  { questionId: '', answer: '' },
];

/**
 * Three security questions inside a kit <Form>, at `${name}.0.questionId`, `${name}.0.answer`, …: each a native
 * select (simple for keyboards and screen readers) and an answer. A question chosen in one slot is disabled in the others.
 */
export function ChallengeQuestionFields({ name = 'challengeAnswers' }: { name?: string }) {
  const questions = useChallengeQuestions();
  const chosen = (useWatch({ control: useFormContext().control, name }) ?? []) as ChallengeAnswer[];
  return (
    <fieldset className="ds-c-fieldset ds-u-margin-top--4">
      <legend className="ds-text-heading--lg">Security questions</legend>
      <p className="ds-c-hint">
        Choose three different questions. We ask one of them if you reset your password. Case and punctuation
        don’t matter.
      </p>
      {[0, 1, 2].map((i) => (
        <div key={i} className="ds-u-margin-top--3">
          <Field
            name={`${name}.${i}.questionId`}
            label={`Question ${i + 1}`}
            options={[
              { value: '', label: 'Choose a question' },
              ...(questions.data ?? []).map((q) => ({
                value: q.id,
                label: q.text,
                disabled: chosen.some((a, j) => j !== i && a?.questionId === q.id),
              })),
            ]}
          />
          <Field name={`${name}.${i}.answer`} label={`Answer ${i + 1}`} autoComplete="off" />
        </div>
      ))}
    </fieldset>
  );
}
