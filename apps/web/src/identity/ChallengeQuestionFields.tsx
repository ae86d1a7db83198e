import { TextField } from '@cmsgov/design-system';
import type { ChangeEvent } from 'react';
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

/** Three security questions, each a native select (simple for keyboards and screen readers) and an answer. */
export function ChallengeQuestionFields({
  value,
  onChange,
  errors,
  prefix = 'challengeAnswers',
}: {
  value: ChallengeAnswer[];
  onChange: (value: ChallengeAnswer[]) => void;
  errors: Record<string, string>;
  prefix?: string;
}) {
  const questions = useChallengeQuestions();
  const set = (index: number, patch: Partial<ChallengeAnswer>) =>
    onChange(value.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <fieldset className="ds-c-fieldset ds-u-margin-top--4">
      <legend className="ds-text-heading--lg">Security questions</legend>
      <p className="ds-c-hint">
        Choose three different questions. We ask one of them if you reset your password. Case and punctuation
        don’t matter.
      </p>
      {errors[prefix] ? <p className="ds-c-inline-error">{errors[prefix]}</p> : null}
      {value.map((answer, i) => {
        const selectId = `question-${i}`;
        const questionError = errors[`${prefix}.${i}.questionId`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the three slots are fixed
          <div key={i} className="ds-u-margin-top--3">
            <label className="ds-c-label" htmlFor={selectId}>
              Question {i + 1}
            </label>
            {questionError ? <p className="ds-c-inline-error">{questionError}</p> : null}
            <select
              id={selectId}
              name={selectId}
              className="ds-c-field identity-select"
              value={answer.questionId}
              onChange={(e: ChangeEvent<HTMLSelectElement>) => set(i, { questionId: e.target.value })}
            >
              <option value="">Choose a question</option>
              {(questions.data ?? []).map((q) => (
                <option
                  key={q.id}
                  value={q.id}
                  disabled={value.some((a, j) => j !== i && a.questionId === q.id)}
                >
                  {q.text}
                </option>
              ))}
            </select>
            <TextField
              name={`answer-${i}`}
              label={`Answer ${i + 1}`}
              value={answer.answer}
              autoComplete="off"
              onChange={(e: ChangeEvent<HTMLInputElement>) => set(i, { answer: e.target.value })}
              errorMessage={errors[`${prefix}.${i}.answer`]}
            />
          </div>
        );
      })}
    </fieldset>
  );
}
