import { Button, NoteBox } from '@cmsgov/design-system';
import {
  type FormularyResult,
  type MemberPharmaciesResponse,
  type PriceCheckRequest,
  type PriceCheckResponse,
  priceCheckRequest,
  TIER_LABELS,
  type ViewableMember,
} from '@openpbm/shared/benefits';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Field, Form, SubmitButton, toNumber, useZodForm } from '../../../components/form';
import { getJson, postJson } from './api';
import { DrugSearchForm } from './DrugSearchForm';
import { MemberGate } from './MemberGate';
import { MemberPicker } from './MemberPicker';
import type { PriceCheckHandoff } from './navigation-state';
import { PaidSoFar } from './PaidSoFar';
import { AlternativesTable, QuoteTable } from './PriceQuotes';
import { useFormularySearch } from './useFormularySearch';
import './members.css';

type ChosenDrug = PriceCheckHandoff['drug'];
const GENERIC = 'generic';
/** The pharmacy choice meaning "any in-network pharmacy at the network's rates". */
const ANY_PHARMACY = 'any';

/** The member's recent pharmacies, to price a fill at one of them (its own contract and cash price). */
function useRecentPharmacies(memberId: string) {
  return useQuery({
    queryKey: ['benefits', 'pharmacies', memberId],
    queryFn: () => getJson<MemberPharmaciesResponse>(`/api/benefits/members/${memberId}/pharmacies`),
  });
}

/** Step 1 when the member did not come from the coverage page: find the drug. */
function ChooseDrug({ memberId, onChoose }: { memberId: string; onChoose: (drug: ChosenDrug) => void }) {
  const search = useFormularySearch();
  return (
    <Section heading="Find your drug">
      <DrugSearchForm id="price-drug" onSearch={(query) => search.mutateAsync({ memberId, query })} />
      <p role="status" className="ds-u-visibility--screen-reader">
        {search.data ? `${search.data.results.length} drugs found` : ''}
      </p>
      <div>
        {search.data ? (
          search.data.results.length === 0 ? (
            <p>No drug matches that name. Check the spelling, or try the generic name.</p>
          ) : (
            <ul className="drug-choices">
              {search.data.results.map((result: FormularyResult) => (
                <li key={result.drugGroupId} className="drug-choices__item">
                  <span>
                    <strong>{result.name}</strong>
                    {result.brandNames.length > 0 ? ` (${result.brandNames.join(', ')})` : ''}
                    {result.tier ? ` · ${TIER_LABELS[result.tier as 1 | 2 | 3 | 4]}` : ''}
                  </span>
                  <Button size="small" onClick={() => onChoose(result)}>
                    Choose<span className="ds-u-visibility--screen-reader"> {result.name}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </div>
    </Section>
  );
}

function packageChoices(drug: ChosenDrug) {
  const generic = drug.products.find((product) => product.isGeneric);
  return [
    ...(generic ? [{ value: GENERIC, label: `Generic (${generic.name})` }] : []),
    ...drug.products
      .filter((product) => !product.isGeneric)
      .map((product) => ({ value: product.ndc, label: `${product.brandName ?? product.name} (brand)` })),
  ];
}

/** The price check as the member types it, converted and checked by the shared priceCheckRequest schema. */
function priceCheckForm(memberId: string, drugGroupId: string) {
  return z
    .object({ ndc: z.string(), quantity: z.string(), daysSupply: z.string(), pharmacyId: z.string() })
    .transform(
      (typed): PriceCheckRequest => ({
        memberId,
        drugGroupId,
        ...(typed.ndc === GENERIC ? {} : { ndc: typed.ndc }),
        quantity: toNumber(typed.quantity),
        daysSupply: toNumber(typed.daysSupply),
        ...(typed.pharmacyId === ANY_PHARMACY ? {} : { pharmacyId: typed.pharmacyId }),
      }),
    )
    .pipe(priceCheckRequest);
}

function PriceCheckForm({
  memberId,
  drug,
  onChangeDrug,
}: {
  memberId: string;
  drug: ChosenDrug;
  onChangeDrug: () => void;
}) {
  const choices = packageChoices(drug);
  const form = useZodForm(priceCheckForm(memberId, drug.drugGroupId), {
    defaultValues: {
      ndc: choices[0]?.value ?? GENERIC,
      quantity: '30',
      daysSupply: '30',
      pharmacyId: ANY_PHARMACY,
    },
  });
  const recent = useRecentPharmacies(memberId).data?.pharmacies ?? [];
  const pharmacyChoices = [
    { value: ANY_PHARMACY, label: 'Any in-network pharmacy' },
    ...recent.map((pharmacy) => ({
      value: pharmacy.pharmacyId,
      label: `${pharmacy.name}, ${pharmacy.addressLine1}, ${pharmacy.city}`,
    })),
  ];
  const check = useMutation({
    mutationFn: (request: PriceCheckRequest) =>
      postJson<PriceCheckResponse>('/api/benefits/price-check', request),
  });
  const result = check.data;

  return (
    <>
      <Section heading="About the prescription">
        <p className="chosen-drug">
          Drug: <strong>{drug.name}</strong>{' '}
          <Button variation="ghost" size="small" onClick={onChangeDrug}>
            Change drug
          </Button>
        </p>
        <Form
          form={form}
          onSubmit={check.mutateAsync}
          id="price"
          className="price-form"
          aria-label="Price check"
        >
          {choices.length > 1 ? (
            <ChoiceField
              name="ndc"
              label="Brand or generic"
              hint="Generics have the same active ingredient and usually cost less."
              options={choices}
            />
          ) : null}
          <Field
            name="quantity"
            label="Quantity"
            hint="Tablets, capsules, mL or grams per fill, as written on the prescription."
            inputMode="decimal"
            className="kit-field--short"
          />
          <Field
            name="daysSupply"
            label="Days supply"
            hint="How many days one fill lasts, for example 30."
            inputMode="numeric"
            className="kit-field--short"
          />
          {recent.length > 0 ? (
            <ChoiceField
              name="pharmacyId"
              label="Pharmacy"
              hint="Pharmacies you used recently. Each has its own contract with your plan, and its own cash price may be lower than your copay."
              options={pharmacyChoices}
            />
          ) : null}
          <SubmitButton pending="Checking…">Check price</SubmitButton>
        </Form>
      </Section>
      <p role="status" className="ds-u-visibility--screen-reader">
        {check.isPending
          ? 'Checking the price…'
          : result
            ? `Price estimate ready for ${result.drug.name}`
            : ''}
      </p>
      {result ? <PriceCheckResult result={result} /> : null}
    </>
  );
}

function PriceCheckResult({ result }: { result: PriceCheckResponse }) {
  const tier = result.drug.tier
    ? `is on ${TIER_LABELS[result.drug.tier as 1 | 2 | 3 | 4]}`
    : 'is not covered by your plan';
  return (
    <>
      <Section
        heading={`Your estimated cost for ${result.drug.name}`}
        intro={`For ${result.memberName} on ${result.planName}, as of today${
          result.pharmacy ? `, at ${result.pharmacy.name}` : ''
        }. ${result.drug.name} ${tier}.`}
      >
        <QuoteTable
          quotes={result.quotes}
          caption={`Estimated cost of ${result.drug.name} by pharmacy type`}
        />
      </Section>
      {result.alternatives.length > 0 ? (
        <Section
          heading="Ways to pay less"
          intro="Ask your prescriber or pharmacist whether one of these would work for you."
        >
          <AlternativesTable alternatives={result.alternatives} />
        </Section>
      ) : null}
      <Section heading="What you’ve paid so far">
        <PaidSoFar summary={result.paidSoFar} who={result.memberName} />
      </Section>
      <NoteBox heading="About this estimate" headingLevel="2" className="page-note">
        <p>{result.disclaimer}</p>
      </NoteBox>
    </>
  );
}

function PriceCheck({ members, notice }: { members: ViewableMember[]; notice: string | null }) {
  const location = useLocation();
  const handoff = location.state.priceCheck;
  const fromCoverage =
    handoff && members.some((member) => member.memberId === handoff.memberId) ? handoff : null;
  const [memberId, setMemberId] = useState(fromCoverage?.memberId ?? members[0]?.memberId ?? '');
  const [drug, setDrug] = useState<ChosenDrug | null>(fromCoverage?.drug ?? null);
  return (
    <>
      <MemberPicker members={members} notice={notice} value={memberId} onChange={setMemberId} />
      {drug ? (
        <PriceCheckForm
          key={`${memberId}-${drug.drugGroupId}`}
          memberId={memberId}
          drug={drug}
          onChangeDrug={() => setDrug(null)}
        />
      ) : (
        <ChooseDrug memberId={memberId} onChoose={setDrug} />
      )}
    </>
  );
}

export function PriceCheckPage() {
  return (
    <Page
      title="Price check"
      eyebrow="For members"
      heading="Check what a drug will cost you"
      lead="Compare your cost at a retail pharmacy and by home delivery before you fill a prescription. Estimates use your plan and what you have already paid this plan year."
    >
      <MemberGate purpose="what your drugs cost">
        {(members, notice) => <PriceCheck members={members} notice={notice} />}
      </MemberGate>
    </Page>
  );
}
