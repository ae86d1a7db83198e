import { challengeAnswersForm } from '@openpbm/shared/identity';
import { z } from 'zod';
import { putJson } from '../components/api/client';
import { Form, SubmitButton, useZodForm } from '../components/form';
import { AccountPage } from './AccountPage';
import { type ChallengeAnswer, ChallengeQuestionFields, emptyAnswers } from './ChallengeQuestionFields';
import { useFactorChange } from './factor-change';
import { ReauthGate } from './ReauthGate';

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

export function SecurityQuestionsForm() {
  const form = useZodForm(z.object({ answers: challengeAnswersForm }), {
    defaultValues: { answers: emptyAnswers() },
  });
  const { change, outcome } = useFactorChange();
  const save = (values: { answers: ChallengeAnswer[] }) =>
    change(async () => {
      await putJson('/api/identity/account/challenge-answers', values);
      form.reset({ answers: emptyAnswers() });
      return { message: 'Your security questions are saved.' };
    });
  return (
    <Form
      form={form}
      onSubmit={save}
      id="questions"
      className="identity-panel"
      aria-label="Security questions"
    >
      {outcome}
      <ChallengeQuestionFields name="answers" />
      <SubmitButton pending="Saving…">Save security questions</SubmitButton>
    </Form>
  );
}
