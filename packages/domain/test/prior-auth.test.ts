import { describe, expect, it } from 'vitest';
import { criteriaFor, type FormularyRules } from '../src/prior-auth/catalog';
import {
  appealDeadline,
  decisionDueAt,
  infoWindowExpired,
  isOverdue,
  mayDecideAppeal,
  pauseForInformation,
  queueDeadline,
  resumeClock,
  runningClock,
} from '../src/prior-auth/clock';
import { diagnosisMatches, normalizeDiagnosisCode } from '../src/prior-auth/diagnosis';
import { evaluateCriteria } from '../src/prior-auth/evaluate';
import { memberStatusText } from '../src/prior-auth/member-status';
import { prescriberFinding } from '../src/prior-auth/prescriber-findings';
import { questionnaireFor } from '../src/prior-auth/questionnaire';
import type { CaseFacts, CriterionResult, HistoryFill, PaAnswers } from '../src/prior-auth/types';

const onFormulary = (overrides: Partial<FormularyRules> = {}): FormularyRules => ({
  onFormulary: true,
  excluded: false,
  tier: 4,
  requiresPriorAuth: true,
  stepTherapy: null,
  quantityLimit: null,
  alternatives: [],
  ...overrides,
});

const answers = (overrides: Partial<PaAnswers> = {}): PaAnswers => ({
  diagnosisCodes: ['M05.79'],
  triedDrugs: [],
  labs: [],
  attestations: {},
  ...overrides,
});

const methotrexate = (fillDate: string, daysSupply = 30): HistoryFill => ({
  drugGroupId: 'grp-mtx',
  drugName: 'methotrexate 2.5 mg oral tablet',
  therapeuticClassCode: 'antimetabolites',
  ingredients: ['methotrexate'],
  fillDate,
  daysSupply,
});

const facts = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  today: '2026-03-10',
  memberAgeYears: 45,
  answers: answers(),
  requested: { quantityMilli: 800, daysSupply: 28 },
  history: [methotrexate('2025-12-01'), methotrexate('2026-01-01'), methotrexate('2026-02-01')],
  ...overrides,
});

const tnf = criteriaFor({
  caseType: 'prior_auth',
  drugGroupId: 'grp-adalimumab',
  therapeuticClassCode: 'tnf_inhibitors',
  formulary: onFormulary(),
});

describe('diagnosis codes', () => {
  it('normalizes what prescribers type and rejects what is not ICD-10-CM', () => {
    expect(normalizeDiagnosisCode(' m0579 ')).toBe('M05.79');
    expect(normalizeDiagnosisCode('E11.9')).toBe('E11.9');
    expect(normalizeDiagnosisCode('B20')).toBe('B20');
    expect(normalizeDiagnosisCode('U07.1')).toBeNull();
    expect(normalizeDiagnosisCode('12345')).toBeNull();
    expect(normalizeDiagnosisCode('E11.12345')).toBeNull();
  });

  it('matches a code inside a category, with or without dots', () => {
    expect(diagnosisMatches('M05.79', ['M05'])).toBe(true);
    expect(diagnosisMatches('L73.2', ['L73.2'])).toBe(true);
    expect(diagnosisMatches('L73.1', ['L73.2'])).toBe(false);
    expect(diagnosisMatches('E10.9', ['E11'])).toBe(false);
  });
});

describe('criteria engine', () => {
  it('auto-approves when every criterion is met, step therapy proven by the member’s own claims', () => {
    const result = evaluateCriteria(tnf, facts());
    expect(result.outcome).toBe('auto_approve');
    expect(result.notMet).toEqual([]);
    expect(result.results.find((r) => r.id === 'step_dmard')).toMatchObject({ status: 'met' });
    expect(result.results.find((r) => r.id === 'step_dmard')?.evidence).toContain('90 days of therapy');
    expect(result.approval).toEqual({
      effectiveFrom: '2026-03-10',
      effectiveTo: '2027-03-09',
      quantityMilliPerFill: 800,
      daysSupplyPerFill: 28,
    });
  });

  it('a trial shorter than required, or outside the lookback, does not prove the step', () => {
    const short = evaluateCriteria(tnf, facts({ history: [methotrexate('2026-02-01')] }));
    expect(short.outcome).toBe('review');
    expect(short.notMet).toEqual(['step_dmard']);
    const old = evaluateCriteria(tnf, facts({ history: [methotrexate('2024-06-01', 90)] }));
    expect(old.notMet).toEqual(['step_dmard']);
    // Fills dated after the decision day are not history.
    const future = evaluateCriteria(tnf, facts({ history: [methotrexate('2026-03-11', 90)] }));
    expect(future.notMet).toEqual(['step_dmard']);
  });

  it('a drug tried outside the plan is unverified: a clinician decides, nothing is denied by the engine', () => {
    const result = evaluateCriteria(
      tnf,
      facts({
        history: [],
        answers: answers({ triedDrugs: [{ name: 'Methotrexate', outcome: 'intolerant' }] }),
      }),
    );
    expect(result.outcome).toBe('review');
    expect(result.notMet).toEqual([]);
    expect(result.results.find((r) => r.id === 'step_dmard')).toMatchObject({ status: 'unverified' });
    expect(result.approval).toBeNull();
  });

  it('diagnosis, age and quantity each send the request to review when not met', () => {
    expect(evaluateCriteria(tnf, facts({ answers: answers({ diagnosisCodes: ['E11.9'] }) })).notMet).toEqual([
      'diagnosis',
    ]);
    expect(
      evaluateCriteria(tnf, facts({ answers: answers({ diagnosisCodes: ['not a code'] }) })).notMet,
    ).toEqual(['diagnosis']);
    expect(evaluateCriteria(tnf, facts({ memberAgeYears: 15 })).notMet).toEqual(['age']);
    expect(
      evaluateCriteria(tnf, facts({ requested: { quantityMilli: 1_600, daysSupply: 28 } })).notMet,
    ).toEqual(['quantity']);
    // The same rate over a longer fill is fine, up to the per-fill days-supply cap.
    expect(evaluateCriteria(tnf, facts({ requested: { quantityMilli: 800, daysSupply: 30 } })).outcome).toBe(
      'auto_approve',
    );
    expect(
      evaluateCriteria(tnf, facts({ requested: { quantityMilli: 2_400, daysSupply: 84 } })).notMet,
    ).toEqual(['quantity']);
  });

  it('labs must be in range and recent', () => {
    const glp1 = criteriaFor({
      caseType: 'prior_auth',
      drugGroupId: 'grp-sema',
      therapeuticClassCode: 'glp1_agonists',
      formulary: onFormulary({ tier: 2 }),
    });
    const metformin: HistoryFill = {
      drugGroupId: 'grp-met',
      drugName: 'metformin 500 mg',
      therapeuticClassCode: 'biguanides',
      ingredients: ['metformin'],
      fillDate: '2026-01-05',
      daysSupply: 90,
    };
    const base = { history: [metformin], requested: { quantityMilli: 3_000, daysSupply: 28 } };
    const withLab = (value: number, takenOn: string) =>
      evaluateCriteria(
        glp1,
        facts({
          ...base,
          answers: answers({ diagnosisCodes: ['E11.9'], labs: [{ code: '4548-4', value, takenOn }] }),
        }),
      );
    expect(withLab(8.1, '2026-02-20').outcome).toBe('auto_approve');
    expect(withLab(6.4, '2026-02-20').notMet).toEqual(['a1c']);
    expect(withLab(8.1, '2025-06-01').notMet).toEqual(['a1c']);
    expect(
      evaluateCriteria(glp1, facts({ ...base, answers: answers({ diagnosisCodes: ['E11.9'] }) })).notMet,
    ).toEqual(['a1c']);
  });

  it('adds the formulary’s own step therapy and quantity limit to the class policy', () => {
    const set = criteriaFor({
      caseType: 'prior_auth',
      drugGroupId: 'grp-x',
      therapeuticClassCode: 'hiv_antiretrovirals',
      formulary: onFormulary({
        stepTherapy: { drugGroupIds: ['grp-generic'], names: ['the generic'], lookbackDays: 120 },
        quantityLimit: { milli: 30_000, days: 30 },
      }),
    });
    expect(set.criteria.map((c) => c.id)).toEqual(['diagnosis', 'formulary_step', 'quantity']);
    const generic: HistoryFill = {
      ...methotrexate('2026-02-01'),
      drugGroupId: 'grp-generic',
      therapeuticClassCode: 'x',
    };
    const ok = facts({
      answers: answers({ diagnosisCodes: ['B20'] }),
      history: [generic],
      requested: { quantityMilli: 30_000, daysSupply: 30 },
    });
    expect(evaluateCriteria(set, ok).outcome).toBe('auto_approve');
    expect(evaluateCriteria(set, { ...ok, history: [] }).notMet).toEqual(['formulary_step']);
  });

  it('a drug without a class policy and every formulary exception always go to a clinician', () => {
    const general = criteriaFor({
      caseType: 'prior_auth',
      drugGroupId: 'grp-y',
      therapeuticClassCode: 'opioid_analgesics',
      formulary: onFormulary(),
    });
    expect(general.id).toBe('default');
    const allStated = facts({ answers: answers({ attestations: { medical_necessity: true } }) });
    expect(evaluateCriteria(general, allStated)).toMatchObject({ outcome: 'review', notMet: [] });

    const exception = criteriaFor({
      caseType: 'formulary_exception',
      drugGroupId: 'grp-nexium',
      therapeuticClassCode: 'ppis',
      formulary: onFormulary({
        excluded: true,
        tier: 3,
        alternatives: [{ drugGroupId: 'grp-omeprazole', name: 'omeprazole 20 mg' }],
      }),
    });
    expect(exception.id).toBe('exception:non_formulary');
    expect(exception.criteria.map((c) => c.id)).toEqual([
      'diagnosis',
      'alternatives_tried',
      'medical_necessity',
    ]);
    const tried: HistoryFill = { ...methotrexate('2026-01-10', 30), drugGroupId: 'grp-omeprazole' };
    const result = evaluateCriteria(exception, { ...allStated, history: [tried] });
    expect(result.outcome).toBe('review');
    expect(result.notMet).toEqual([]);

    const tier = criteriaFor({
      caseType: 'formulary_exception',
      drugGroupId: 'grp-brand',
      therapeuticClassCode: 'ppis',
      requestedTier: 2,
      formulary: onFormulary({ tier: 3 }),
    });
    expect(tier.id).toBe('exception:tier');
  });
});

describe('questionnaire', () => {
  it('asks for what the criteria need and never for the age', () => {
    const q = questionnaireFor(tnf);
    expect(q.questions.map((x) => x.kind)).toEqual(['diagnosis_codes', 'drugs_tried', 'quantity', 'notes']);
    expect(q.criteria.map((c) => c.id)).toEqual(['diagnosis', 'age', 'step_dmard', 'quantity']);
    expect(q.questions[1]).toMatchObject({ kind: 'drugs_tried' });
    expect(JSON.stringify(q.questions[1])).toContain('methotrexate');
    const glp1 = questionnaireFor(
      criteriaFor({
        caseType: 'prior_auth',
        drugGroupId: 'g',
        therapeuticClassCode: 'glp1_agonists',
        formulary: onFormulary(),
      }),
    );
    expect(glp1.questions.find((x) => x.kind === 'lab')).toMatchObject({ id: 'lab:4548-4', unit: '%' });
  });
});

describe('decision clocks', () => {
  const received = new Date('2026-03-06T15:00:00Z'); // a Friday

  it('72 hours expedited, 7 calendar days standard (weekends count)', () => {
    expect(decisionDueAt(received, true).toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(decisionDueAt(received, false).toISOString()).toBe('2026-03-13T15:00:00.000Z');
  });

  it('a request for information stops the clock; the answer restarts it with the time that was left', () => {
    const clock = runningClock(decisionDueAt(received, false));
    const askedAt = new Date('2026-03-08T15:00:00Z'); // 5 days left
    const paused = pauseForInformation(clock, askedAt, false);
    expect(paused.remainingMs).toBe(5 * 86_400_000);
    expect(paused.infoDueAt?.toISOString()).toBe('2026-03-22T15:00:00.000Z');
    expect(queueDeadline(paused)).toEqual(paused.infoDueAt);
    // While stopped it is never overdue, even long after the original due time.
    expect(isOverdue(paused, new Date('2026-03-20T00:00:00Z'))).toBe(false);
    // Asking again does not move anything.
    expect(pauseForInformation(paused, new Date('2026-03-09T00:00:00Z'), false)).toBe(paused);
    const answeredAt = new Date('2026-03-18T09:00:00Z');
    const resumed = resumeClock(paused, answeredAt);
    expect(resumed.dueAt.toISOString()).toBe('2026-03-23T09:00:00.000Z');
    expect(resumed.pausedAt).toBeNull();
    expect(isOverdue(resumed, new Date('2026-03-23T09:00:01Z'))).toBe(true);
    expect(resumeClock(resumed, answeredAt)).toBe(resumed);
  });

  it('an expedited request gives the prescriber 48 hours to answer', () => {
    const paused = pauseForInformation(runningClock(decisionDueAt(received, true)), received, true);
    expect(infoWindowExpired(paused, new Date('2026-03-08T15:00:00Z'))).toBe(false);
    expect(infoWindowExpired(paused, new Date('2026-03-08T15:00:01Z'))).toBe(true);
  });

  it('a clock stopped after its due time keeps zero, not negative, time', () => {
    const paused = pauseForInformation(runningClock(received), new Date('2026-03-07T00:00:00Z'), false);
    expect(paused.remainingMs).toBe(0);
  });

  it('appeals: 180 days to file, decided by someone who did not decide before', () => {
    expect(appealDeadline(received).toISOString()).toBe('2026-09-02T15:00:00.000Z');
    expect(mayDecideAppeal('rev-2', ['rev-1', null])).toBe(true);
    expect(mayDecideAppeal('rev-1', ['rev-1'])).toBe(false);
  });
});

describe('member status text', () => {
  const base = {
    type: 'prior_auth' as const,
    drugName: 'Humira',
    dueOn: '2026-03-13',
    effectiveFrom: null,
    effectiveTo: null,
    decisionReason: null,
    appealBy: null,
  };
  it('says what happens next in plain language', () => {
    expect(memberStatusText({ ...base, status: 'in_review' })).toBe(
      'We are reviewing this request for Humira. We will decide by March 13, 2026.',
    );
    expect(
      memberStatusText({
        ...base,
        status: 'approved',
        effectiveFrom: '2026-03-10',
        effectiveTo: '2027-03-09',
      }),
    ).toBe('Approved. Your plan covers Humira from March 10, 2026 through March 9, 2027.');
    expect(
      memberStatusText({
        ...base,
        status: 'denied',
        decisionReason: 'The records do not show a 3-month trial of methotrexate',
        appealBy: '2026-09-06',
      }),
    ).toBe(
      'Not approved. The records do not show a 3-month trial of methotrexate. You or your prescriber can appeal this decision until September 6, 2026.',
    );
  });
});

describe('prescriber findings (minimum necessary)', () => {
  const result = (kind: CriterionResult['kind'], status: CriterionResult['status'], evidence: string) => ({
    id: kind,
    kind,
    label: kind,
    status,
    evidence,
  });

  it('hides what comes from the member’s records: fills, days of therapy and age', () => {
    const step = result('step_therapy', 'not_met', 'Plan claims show 30 days of therapy; 90 are needed.');
    const age = result('age', 'met', 'Patient is 47 years old.');
    expect(prescriberFinding(step).evidence).toBe(
      'The plan’s claims do not show the required trial, and none was reported.',
    );
    expect(prescriberFinding(age)).toMatchObject({
      status: 'met',
      evidence: 'The patient’s age is within the criteria.',
    });
  });

  it('keeps the prescriber’s own answers judged as written', () => {
    const diagnosis = result('diagnosis', 'met', 'Diagnosis M05.79.');
    expect(prescriberFinding(diagnosis)).toEqual(diagnosis);
  });
});
