import { Alert, Button, ChoiceList, NoteBox, TextField } from '@cmsgov/design-system';
import {
  type FormularyResult,
  type PriceCheckRequest,
  type PriceCheckResponse,
  priceCheckRequest,
  TIER_LABELS,
  type ViewableMember,
} from '@openpbm/shared/benefits';
import { useMutation } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { ErrorSummary, type SummaryError } from '../../../components/form/ErrorSummary';
import { ApiError, postJson } from './api';
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
const FIELD_IDS = { ndc: 'price-package', quantity: 'price-quantity', daysSupply: 'price-days' } as const;
type FormField = keyof typeof FIELD_IDS;

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
  const [packageChoice, setPackageChoice] = useState(choices[0]?.value ?? GENERIC);
  const [quantity, setQuantity] = useState('30');
  const [daysSupply, setDaysSupply] = useState('30');
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const check = useMutation({
    mutationFn: (request: PriceCheckRequest) =>
      postJson<PriceCheckResponse>('/api/benefits/price-check', request),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400) setErrors(error.fieldErrors());
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const candidate = {
      memberId,
      drugGroupId: drug.drugGroupId,
      ...(packageChoice === GENERIC ? {} : { ndc: packageChoice }),
      quantity: quantity.trim() === '' ? Number.NaN : Number(quantity),
      daysSupply: daysSupply.trim() === '' ? Number.NaN : Number(daysSupply),
    };
    const parsed = priceCheckRequest.safeParse(candidate);
    if (!parsed.success) {
      const next: Partial<Record<FormField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as FormField;
        if (field in FIELD_IDS) next[field] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    check.mutate(parsed.data);
  }

  const summary: SummaryError[] = (Object.keys(FIELD_IDS) as FormField[])
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: FIELD_IDS[field], message: errors[field] as string }));
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
        <form noValidate onSubmit={submit} className="price-form" aria-label="Price check">
          <ErrorSummary errors={summary} />
          {choices.length > 1 ? (
            <ChoiceList
              id={FIELD_IDS.ndc}
              name="package"
              type="radio"
              label="Brand or generic"
              hint="Generics have the same active ingredient and usually cost less."
              choices={choices.map((choice) => ({ ...choice, checked: packageChoice === choice.value }))}
              onChange={(event: ChangeEvent<HTMLInputElement>) => setPackageChoice(event.target.value)}
              errorMessage={errors.ndc}
            />
          ) : null}
          <TextField
            id={FIELD_IDS.quantity}
            name="quantity"
            label="Quantity"
            hint="Tablets, capsules, mL or grams per fill, as written on the prescription."
            inputMode="decimal"
            size="small"
            value={quantity}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setQuantity(event.target.value)}
            errorMessage={errors.quantity}
          />
          <TextField
            id={FIELD_IDS.daysSupply}
            name="daysSupply"
            label="Days supply"
            hint="How many days one fill lasts, for example 30."
            inputMode="numeric"
            size="small"
            value={daysSupply}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setDaysSupply(event.target.value)}
            errorMessage={errors.daysSupply}
          />
          <Button type="submit" variation="solid" className="ds-u-margin-top--3" disabled={check.isPending}>
            {check.isPending ? 'Checking…' : 'Check price'}
          </Button>
        </form>
      </Section>
      {check.error instanceof ApiError && check.error.status !== 400 ? (
        <Alert variation="error" heading="We could not check the price" headingLevel="2" role="alert">
          <p>{check.error.status === 404 ? check.error.message : 'Please try again in a few minutes.'}</p>
        </Alert>
      ) : null}
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
        intro={`For ${result.memberName} on ${result.planName}, as of today. ${result.drug.name} ${tier}.`}
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
