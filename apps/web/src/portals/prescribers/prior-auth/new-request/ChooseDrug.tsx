import { Button } from '@cmsgov/design-system';
import { drugSearchRequest } from '@openpbm/shared/prior-auth';
import { useState } from 'react';
import { postJson } from '../../../../components/api/client';
import { Section } from '../../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../../components/form';

export interface ChosenDrug {
  drugGroupId: string;
  name: string;
}

/** Step 2: search the drug by name and choose one. */
export function ChooseDrug({ onChoose }: { onChoose: (drug: ChosenDrug) => void }) {
  const form = useZodForm(drugSearchRequest, { defaultValues: { query: '' } });
  const [drugs, setDrugs] = useState<ChosenDrug[] | null>(null);
  return (
    <Section heading="2. Choose the drug">
      <Form
        form={form}
        className="pa-form"
        aria-label="Find the drug"
        onSubmit={async (body) => {
          const found = await postJson<{ drugs: ChosenDrug[] }>(
            '/api/prior-auth/prescriber/drugs/search',
            body,
          );
          setDrugs(found.drugs);
        }}
      >
        <Field name="query" label="Drug name" />
        <SubmitButton pending="Searching…">Search</SubmitButton>
      </Form>
      <p role="status" className="ds-u-visibility--screen-reader">
        {drugs ? `${drugs.length} drugs found` : ''}
      </p>
      {drugs ? (
        drugs.length === 0 ? (
          <p>No drug matches that name.</p>
        ) : (
          <ul className="pa-choices">
            {drugs.map((drug) => (
              <li key={drug.drugGroupId} className="pa-choices__item">
                <span>{drug.name}</span>
                <Button size="small" onClick={() => onChoose(drug)}>
                  Choose<span className="ds-u-visibility--screen-reader"> {drug.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Section>
  );
}
