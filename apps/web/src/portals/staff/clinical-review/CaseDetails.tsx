import { Alert } from '@cmsgov/design-system';
import { CASE_TYPE_LABELS, type ReviewCase } from '@openpbm/shared/prior-auth';
import { Facts } from '../../../components/content/Facts';
import { Section } from '../../../components/content/Section';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { formatUnits } from '../../../components/format/money';
import { CriteriaFindings, StatusTag } from '../../../components/prior-auth/case-parts';

/** What the reviewer decides on: the case, the request's answers, the criteria findings and the documents. */
export function CaseDetails({ c }: { c: ReviewCase }) {
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
    </>
  );
}

/** The decision of a closed case. */
export function DecidedCase({ c }: { c: ReviewCase }) {
  return (
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
  );
}
