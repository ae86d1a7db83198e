import { Alert, Badge, Button, Choice, TextField } from '@cmsgov/design-system';
import type { LocatorSearchRequest, LocatorSearchResponse } from '@openpbm/shared/locator';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, postJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { SelectField } from '../../../components/form/SelectField';
import { formatPhone } from './format';
import { PharmacyGate } from './PharmacyGate';
import { PharmacyMap } from './PharmacyMap';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

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

function Locator() {
  const [zip, setZip] = useState('');
  const [radius, setRadius] = useState('10');
  const [filters, setFilters] = useState({
    inNetworkOnly: true,
    open24Hours: false,
    homeDelivery: false,
    openNow: false,
  });
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const search = useMutation({
    mutationFn: (where: Pick<LocatorSearchRequest, 'zip' | 'latitude' | 'longitude'>) =>
      postJson<LocatorSearchResponse>('/api/pharmacy-locator/search', {
        ...where,
        radiusMiles: Number(radius),
        inNetworkOnly: filters.inNetworkOnly,
        ...(filters.open24Hours ? { open24Hours: true } : {}),
        ...(filters.homeDelivery ? { homeDelivery: true } : {}),
        ...(filters.openNow ? { openNow: true } : {}),
      }),
  });
  const errors = search.error instanceof ApiError ? search.error.fieldErrors() : {};
  const byZip = (event: FormEvent) => {
    event.preventDefault();
    search.mutate({ zip: zip.trim() });
  };
  const byLocation = () => {
    setGeoError(null);
    if (!('geolocation' in navigator)) {
      setGeoError('This browser cannot share your location. Enter a ZIP code instead.');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        search.mutate({ latitude: position.coords.latitude, longitude: position.coords.longitude });
      },
      () => {
        setLocating(false);
        setGeoError('We could not get your location. Enter a ZIP code instead.');
      },
      { timeout: 10_000, maximumAge: 300_000 },
    );
  };
  const toggle = (key: keyof typeof filters) => setFilters({ ...filters, [key]: !filters[key] });
  return (
    <>
      <form className="locator-filters" onSubmit={byZip} aria-label="Find a pharmacy" noValidate>
        <TextField
          id="zip"
          name="zip"
          label="ZIP code"
          value={zip}
          errorMessage={errors.zip}
          onChange={(e) => setZip(e.target.value)}
          inputMode="numeric"
          size="small"
        />
        <SelectField
          name="radius"
          label="Within"
          value={radius}
          onChange={(e) => setRadius(e.target.value)}
          options={['1', '5', '10', '25', '50'].map((m) => ({ value: m, label: `${m} miles` }))}
        />
        <Button type="submit" variation="solid">
          Search
        </Button>
        <Button onClick={byLocation} disabled={locating}>
          {locating ? 'Finding you…' : 'Use my location'}
        </Button>
      </form>
      <fieldset className="locator-filters ds-u-margin-top--2">
        <legend className="ds-c-label">Show</legend>
        <Choice
          type="checkbox"
          name="inNetworkOnly"
          value="1"
          checked={filters.inNetworkOnly}
          onChange={() => toggle('inNetworkOnly')}
          label="In-network only"
        />
        <Choice
          type="checkbox"
          name="open24Hours"
          value="1"
          checked={filters.open24Hours}
          onChange={() => toggle('open24Hours')}
          label="Open 24 hours"
        />
        <Choice
          type="checkbox"
          name="homeDelivery"
          value="1"
          checked={filters.homeDelivery}
          onChange={() => toggle('homeDelivery')}
          label="Home delivery"
        />
        <Choice
          type="checkbox"
          name="openNow"
          value="1"
          checked={filters.openNow}
          onChange={() => toggle('openNow')}
          label="Open now"
        />
      </fieldset>
      {geoError ? <p className="ds-c-inline-error">{geoError}</p> : null}
      {search.error && Object.keys(errors).length === 0 ? (
        <p className="ds-c-inline-error">{search.error.message}</p>
      ) : null}
      {search.data ? (
        <section aria-live="polite" className="ds-u-margin-top--3">
          <h2 className="ds-text-heading--lg">
            {search.data.pharmacies.length} {search.data.pharmacies.length === 1 ? 'pharmacy' : 'pharmacies'}{' '}
            within {search.data.radiusMiles} miles of {search.data.origin.label}
          </h2>
          {search.data.networkName ? (
            <p className="rx-hint">Your plan’s network: {search.data.networkName}</p>
          ) : null}
          <LocatorResults result={search.data} />
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
