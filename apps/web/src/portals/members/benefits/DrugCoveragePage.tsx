import { NoteBox } from '@cmsgov/design-system';
import type { ViewableMember } from '@openpbm/shared/benefits';
import { useState } from 'react';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { DrugSearchForm } from './DrugSearchForm';
import { FormularyResultCard } from './FormularyResultCard';
import { MemberGate } from './MemberGate';
import { MemberPicker } from './MemberPicker';
import { useFormularySearch } from './useFormularySearch';
import './members.css';

function CoverageSearch({ members, notice }: { members: ViewableMember[]; notice: string | null }) {
  const [memberId, setMemberId] = useState(members[0]?.memberId ?? '');
  const search = useFormularySearch();
  const [lastQuery, setLastQuery] = useState<string | null>(null);
  const data = search.data;

  return (
    <>
      <MemberPicker
        members={members}
        notice={notice}
        value={memberId}
        onChange={(id) => {
          setMemberId(id);
          search.reset();
        }}
      />
      <DrugSearchForm
        id="coverage"
        onSearch={(query) => {
          setLastQuery(query);
          return search.mutateAsync({ memberId, query });
        }}
      />
      <p role="status" className="ds-u-visibility--screen-reader">
        {search.isPending ? 'Searching…' : data ? `${data.results.length} results for ${lastQuery}` : ''}
      </p>
      {data ? (
        <Section
          heading={`Results for “${lastQuery}”`}
          intro={`${data.results.length} ${data.results.length === 1 ? 'drug' : 'drugs'} on ${data.formularyName} (${data.planName}).${data.truncated ? ' Only the first results are shown: type more of the name to narrow them.' : ''}`}
        >
          {data.results.length === 0 ? (
            <p>No drug matches that name. Check the spelling, or try the generic name.</p>
          ) : (
            <ul className="formulary-results">
              {data.results.map((result) => (
                <FormularyResultCard key={result.drugGroupId} result={result} memberId={data.memberId} />
              ))}
            </ul>
          )}
        </Section>
      ) : null}
    </>
  );
}

export function DrugCoveragePage() {
  return (
    <Page
      title="Drug coverage"
      eyebrow="For members"
      heading="Is my drug covered?"
      lead="Search your plan’s drug list (formulary) to see whether a drug is covered, its tier, and any rules such as prior authorization, step therapy or quantity limits."
    >
      <MemberGate purpose="your plan’s drug list">
        {(members, notice) => <CoverageSearch members={members} notice={notice} />}
      </MemberGate>
      <NoteBox heading="What the terms mean" headingLevel="2" className="page-note">
        <ul>
          <li>
            <strong>Tier</strong>: lower tiers cost you less. Tier 1 is generics, tier 2 preferred brands,
            tier 3 non-preferred brands, tier 4 specialty drugs.
          </li>
          <li>
            <strong>Prior authorization (PA)</strong>: your prescriber must get the plan’s approval first.
          </li>
          <li>
            <strong>Step therapy (ST)</strong>: the plan pays after you have tried a preferred drug first.
          </li>
          <li>
            <strong>Quantity limit (QL)</strong>: the plan pays for up to a set amount in a period.
          </li>
        </ul>
      </NoteBox>
    </Page>
  );
}
