import { Alert, Button } from '@cmsgov/design-system';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage, putJson } from '../components/api/client';
import { AccountPage } from './AccountPage';
import { useAccountRefresh } from './account';
import { type ChallengeAnswer, ChallengeQuestionFields, emptyAnswers } from './ChallengeQuestionFields';
import { needsReauth, ReauthGate } from './ReauthGate';

export function SecurityQuestionsPage() {
  return (
    <AccountPage title="Security questions" heading="Your security questions">
      {(a) =>
        a.challengeQuestionIds.length ? (
          <ReauthGate account={a}>
            <SecurityQuestionsForm />
          </ReauthGate>
        ) : (
          <SecurityQuestionsForm />
        )
      }
    </AccountPage>
  );
}

export function SecurityQuestionsForm({ onSaved }: { onSaved?: () => void }) {
  const [answers, setAnswers] = useState<ChallengeAnswer[]>(emptyAnswers());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = useAccountRefresh();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setStatus(null);
    try {
      await putJson('/api/identity/account/challenge-answers', { answers });
      setStatus({ ok: true, text: 'Your security questions are saved.' });
      setAnswers(emptyAnswers());
      await refresh();
      onSaved?.();
    } catch (err) {
      if (needsReauth(err)) await refresh();
      else if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.fieldErrors());
      else setStatus({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <form noValidate onSubmit={submit} className="identity-panel" aria-label="Security questions">
      {status ? (
        <Alert
          variation={status.ok ? 'success' : 'error'}
          headingLevel="2"
          heading={status.ok ? 'Saved' : 'Not saved'}
          role="status"
        >
          {status.text}
        </Alert>
      ) : null}
      <ChallengeQuestionFields value={answers} onChange={setAnswers} errors={errors} prefix="answers" />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3">
        Save security questions
      </Button>
    </form>
  );
}
