import { Alert, Badge, Button } from '@cmsgov/design-system';
import {
  type LocatorSearchRequest,
  type LocatorSearchResponse,
  locatorSearchRequest,
} from '@openpbm/shared/locator';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { postJson, UserFacingError } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { CheckboxField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatPhone } from '../../../components/format/phone';
import { PharmacyMap } from './PharmacyMap';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

export function LocatorResults({ result }: { result: LocatorSearchResponse }) {
  if (result.pharmacies.length === 0) {
    return (
      <Alert heading="No pharmacies found" headingLevel="2">
        <p>Try a larger distance or fewer filters.</p>
      </Alert>
    );
  }
  return (
    <div className="locator">
      <ol className="locator-results" aria-label="Pharmacies, nearest first">
        {result.pharmacies.map((p) => (
          <li key={p.id}>
            <h3 className="locator-results__name">{p.name}</h3>
            <p className="ds-u-margin-y--0">
              {p.address}, {p.city}, {p.state} {p.zip} · {p.distanceMiles} mi
            </p>
            <p className="ds-u-margin-y--0">
              <a href={`tel:${p.phone}`}>{formatPhone(p.phone)}</a> · Today: {p.hoursToday}
            </p>
            <div className="locator-badges">
              {p.inNetwork ? (
                <Badge variation="success">In network</Badge>
              ) : (
                <Badge variation="warn">Out of network</Badge>
              )}
              {p.openNow ? <Badge variation="info">Open now</Badge> : <Badge>Closed now</Badge>}
              {p.open24Hours ? <Badge>24 hours</Badge> : null}
              {p.homeDelivery ? <Badge>Home delivery</Badge> : null}
            </div>
          </li>
        ))}
      </ol>
      <PharmacyMap result={result} />
    </div>
  );
}

const locatorForm = z.object({
  zip: locatorSearchRequest.shape.zip.unwrap(),
  radiusMiles: z.string(),
  inNetworkOnly: z.boolean(),
  open24Hours: z.boolean(),
  homeDelivery: z.boolean(),
  openNow: z.boolean(),
});
type LocatorForm = z.input<typeof locatorForm>;
const FILTERS = [
  ['inNetworkOnly', 'In-network only'],
  ['open24Hours', 'Open 24 hours'],
  ['homeDelivery', 'Home delivery'],
  ['openNow', 'Open now'],
] as const;
type Where = Pick<LocatorSearchRequest, 'zip' | 'latitude' | 'longitude'>;

const searchPharmacies = (where: Where, f: LocatorForm) =>
  postJson<LocatorSearchResponse>('/api/pharmacy-locator/search', {
    ...where,
    radiusMiles: Number(f.radiusMiles),
    inNetworkOnly: f.inNetworkOnly,
    ...(f.open24Hours ? { open24Hours: true } : {}),
    ...(f.homeDelivery ? { homeDelivery: true } : {}),
    ...(f.openNow ? { openNow: true } : {}),
  });

/** The browser's position, or a sentence saying why there is none. */
function currentPosition(): Promise<Where> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new UserFacingError('This browser cannot share your location. Enter a ZIP code instead.'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude }),
      () => reject(new UserFacingError('We could not get your location. Enter a ZIP code instead.')),
      { timeout: 10_000, maximumAge: 300_000 },
    );
  });
}

function Locator() {
  const form = useZodForm(locatorForm, {
    defaultValues: {
      zip: '',
      radiusMiles: '10',
      inNetworkOnly: true,
      open24Hours: false,
      homeDelivery: false,
      openNow: false,
    },
  });
  const [result, setResult] = useState<LocatorSearchResponse | null>(null);
  // A search by ZIP code reports to the form; one by location to the button's own error.
  const byLocation = useMutation({
    mutationFn: async () => searchPharmacies(await currentPosition(), form.getValues()),
    onSuccess: setResult,
  });
  const byZip = async (values: z.output<typeof locatorForm>) => {
    byLocation.reset();
    setResult(await searchPharmacies({ zip: values.zip }, values));
  };
  return (
    <>
      <Form form={form} onSubmit={byZip} aria-label="Find a pharmacy">
        <div className="locator-filters">
          <Field
            name="zip"
            label="ZIP code"
            inputMode="numeric"
            autoComplete="postal-code"
            className="locator-zip"
          />
          <Field
            name="radiusMiles"
            label="Within"
            options={['1', '5', '10', '25', '50'].map((m) => ({ value: m, label: `${m} miles` }))}
          />
          <SubmitButton pending="Searching…">Search</SubmitButton>
          <Button onClick={() => byLocation.mutate()} disabled={byLocation.isPending}>
            {byLocation.isPending ? 'Finding you…' : 'Use my location'}
          </Button>
        </div>
        <fieldset className="locator-filters ds-u-margin-top--2">
          <legend className="ds-c-label">Show</legend>
          {FILTERS.map(([name, label]) => (
            <CheckboxField key={name} name={name} label={label} />
          ))}
        </fieldset>
      </Form>
      <ActionError error={byLocation.error} heading="We could not search near you" />
      {result ? (
        <section aria-live="polite" className="ds-u-margin-top--3">
          <h2 className="ds-text-heading--lg">
            {result.pharmacies.length} {result.pharmacies.length === 1 ? 'pharmacy' : 'pharmacies'} within{' '}
            {result.radiusMiles} miles of {result.origin.label}
          </h2>
          {result.networkName ? <p className="rx-hint">Your plan’s network: {result.networkName}</p> : null}
          <LocatorResults result={result} />
        </section>
      ) : null}
    </>
  );
}

export function PharmacyLocatorPage() {
  return (
    <Page
      title="Find a pharmacy"
      eyebrow="For members"
      heading="Find a pharmacy"
      lead="In-network pharmacies near you, nearest first."
    >
      <PharmacyGate purpose="pharmacies in your network">
        <PharmacyNav />
        <Locator />
      </PharmacyGate>
    </Page>
  );
}
