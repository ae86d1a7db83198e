import { Button } from '@cmsgov/design-system';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { StaffPage } from '../../../components/content/StaffPage';
import { ChooseDrug, type ChosenDrug } from './new-request/ChooseDrug';
import { FindPatient } from './new-request/FindPatient';
import { RequestForm } from './new-request/RequestForm';
import { VerifiedPrescriber } from './PrescriberCasesPage';
import type { PatientFound, QuestionnaireResponse } from './pa-types';

/** The three steps: find the patient, choose the drug, answer the plan's questionnaire for it. */
function NewRequest() {
  const [patient, setPatient] = useState<PatientFound | null>(null);
  const [drug, setDrug] = useState<ChosenDrug | null>(null);
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
    <StaffPage
      title="New coverage request"
      eyebrow="For prescribers"
      heading="New coverage request"
      lead="Expedited requests are decided within 72 hours, standard ones within 7 calendar days."
      forRole="prescriber"
      purpose="coverage requests"
    >
      <VerifiedPrescriber>
        <NewRequest />
      </VerifiedPrescriber>
    </StaffPage>
  );
}
