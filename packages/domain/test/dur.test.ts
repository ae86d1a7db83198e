import { describe, expect, it } from 'vitest';
import { findDrugInteractions } from '../src/dur/drug-interactions';
import { suppliesOverlap, truncateText } from '../src/dur/fields';
import { reviewDur } from '../src/dur/review';
import { findTherapeuticDuplications } from '../src/dur/therapeutic-duplication';
import { DEFAULT_DUR_POLICY, type DrugInteraction } from '../src/dur/types';
import { atorvastatin, clarithromycin, fillOf, simvastatin } from './fixtures';

const dispensing = { pharmacyId: 'pharm-1', pharmacyChainId: 'chain-a', prescriberId: 'npi-1' };
const interactions: DrugInteraction[] = [
  {
    a: 'Simvastatin',
    b: 'clarithromycin',
    severity: 'major',
    description: 'Strong CYP3A4 inhibitor raises simvastatin levels: risk of myopathy and rhabdomyolysis',
  },
  { a: 'macrolide', b: 'warfarin', severity: 'moderate', description: 'Macrolides may increase INR' },
];

describe('supply overlap', () => {
  it('treats days supply as [fill date, fill date + days)', () => {
    expect(suppliesOverlap('2026-03-01', 30, '2026-03-30', 30)).toBe(true);
    expect(suppliesOverlap('2026-03-01', 30, '2026-03-31', 30)).toBe(false);
    expect(suppliesOverlap('2026-03-31', 30, '2026-03-01', 30)).toBe(false);
  });
});

describe('therapeutic duplication (TD)', () => {
  const base = { drug: atorvastatin, dateOfService: '2026-03-10', daysSupply: 30 };

  it('finds another drug of the same class whose supply is still running', () => {
    const conflicts = findTherapeuticDuplications({
      ...base,
      history: [fillOf(simvastatin, '2026-02-01', 30), fillOf(simvastatin, '2026-02-20', 30)],
    });
    expect(conflicts.map((fill) => fill.fillDate)).toEqual(['2026-02-20']);
  });

  it('ignores the same drug group, other classes and finished supplies', () => {
    const history = [
      fillOf(atorvastatin, '2026-03-01', 30),
      fillOf(clarithromycin, '2026-03-05', 10),
      fillOf(simvastatin, '2026-01-01', 30),
    ];
    expect(findTherapeuticDuplications({ ...base, history })).toEqual([]);
  });

  it('rejects with 88 and fills the DUR response fields', () => {
    const review = reviewDur({
      ...base,
      history: [
        fillOf(simvastatin, '2026-02-20', 30, {
          pharmacyId: 'pharm-9',
          pharmacyChainId: null,
          prescriberId: 'npi-2',
        }),
      ],
      interactions: [],
      dispensing,
    });
    expect(review.rejections).toEqual([{ code: '88', message: 'DUR Reject Error: TD' }]);
    expect(review.responses).toEqual([
      {
        reasonForServiceCode: 'TD',
        clinicalSignificanceCode: '',
        otherPharmacyIndicator: '3',
        previousDateOfFill: '2026-02-20',
        quantityOfPreviousFillMilli: 30_000,
        databaseIndicator: '4',
        source: 'Claims history',
        otherPrescriberIndicator: '2',
        freeText: 'Simvastatin 40 mg tablet',
        additionalText:
          'Therapeutic duplication with Simvastatin 40 mg tablet filled 2026-02-20, 30 days supply',
        conflictingNdc: simvastatin.ndc,
        disposition: 'reject',
      },
    ]);
  });

  it('follows the plan policy and pharmacist overrides', () => {
    const history = [fillOf(simvastatin, '2026-02-20', 30)];
    const warn = reviewDur({
      ...base,
      history,
      interactions: [],
      dispensing,
      policy: { ...DEFAULT_DUR_POLICY, therapeuticDuplication: 'warning' },
    });
    expect(warn.rejections).toEqual([]);
    expect(warn.responses[0]?.disposition).toBe('warning');
    const off = reviewDur({
      ...base,
      history,
      interactions: [],
      dispensing,
      policy: { ...DEFAULT_DUR_POLICY, therapeuticDuplication: 'off' },
    });
    expect(off.responses).toEqual([]);

    const override = { reasonForServiceCode: 'TD', professionalServiceCode: 'M0', resultOfServiceCode: '1G' };
    const accepted = reviewDur({ ...base, history, interactions: [], dispensing, overrides: [override] });
    expect(accepted.rejections).toEqual([]);
    expect(accepted.responses[0]?.disposition).toBe('overridden');
    // Not filled (2A) or no professional service: the reject stands.
    for (const bad of [
      { ...override, resultOfServiceCode: '2A' },
      { ...override, professionalServiceCode: ' ' },
      { ...override, reasonForServiceCode: 'DD' },
    ]) {
      expect(
        reviewDur({ ...base, history, interactions: [], dispensing, overrides: [bad] }).rejections,
      ).toHaveLength(1);
    }
  });
});

describe('drug-drug interactions (DD)', () => {
  const base = { drug: simvastatin, dateOfService: '2026-03-10', daysSupply: 30, interactions };

  it('matches ingredients case-insensitively in either order, one response per drug', () => {
    const history = [fillOf(clarithromycin, '2026-03-01', 14), fillOf(clarithromycin, '2026-03-05', 14)];
    const conflicts = findDrugInteractions({ ...base, history });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.fill.fillDate).toBe('2026-03-05');
    const reverse = findDrugInteractions({
      ...base,
      drug: clarithromycin,
      history: [fillOf(simvastatin, '2026-03-01')],
    });
    expect(reverse).toHaveLength(1);
  });

  it('rejects a major interaction with clinical significance 1', () => {
    const review = reviewDur({ ...base, history: [fillOf(clarithromycin, '2026-03-05', 14)], dispensing });
    expect(review.rejections).toEqual([{ code: '88', message: 'DUR Reject Error: DD' }]);
    expect(review.responses[0]).toMatchObject({
      reasonForServiceCode: 'DD',
      clinicalSignificanceCode: '1',
      previousDateOfFill: '2026-03-05',
      quantityOfPreviousFillMilli: 14_000,
      freeText: 'Clarithromycin 500 mg tablet',
      disposition: 'reject',
    });
    expect(review.responses[0]?.additionalText).toContain('rhabdomyolysis');
  });

  it('warns on a moderate interaction matched by therapeutic class', () => {
    const warfarin = {
      ...atorvastatin,
      ndc: '00056017270',
      name: 'Warfarin sodium 5 mg tablet',
      drugGroupId: 'warfarin-5mg-tab',
      therapeuticClassId: 'anticoagulant',
      ingredients: ['warfarin'],
    };
    const review = reviewDur({
      ...base,
      drug: clarithromycin,
      history: [fillOf(warfarin, '2026-03-01', 30)],
      dispensing,
    });
    expect(review.rejections).toEqual([]);
    expect(review.responses[0]).toMatchObject({ clinicalSignificanceCode: '2', disposition: 'warning' });
  });

  it('ignores interactions with supplies that have run out', () => {
    expect(findDrugInteractions({ ...base, history: [fillOf(clarithromycin, '2026-02-01', 14)] })).toEqual(
      [],
    );
  });

  it('keeps free text within the NCPDP field length', () => {
    expect(truncateText('Methylphenidate hydrochloride extended-release 54 mg tablet', 30)).toHaveLength(30);
    expect(truncateText('  two   spaces ', 30)).toBe('two spaces');
  });
});
