import { Alert, Button, TextField } from '@cmsgov/design-system';
import type { ChangeEvent } from 'react';
import { useSiteKeyImages } from './catalogs';

export interface SiteKeyValue {
  imageId: string;
  phrase: string;
}

/** Choose a SiteKey: one of the bundled pictures (radio buttons) and a phrase. */
export function SiteKeyFields({
  value,
  onChange,
  errors,
}: {
  value: SiteKeyValue;
  onChange: (value: SiteKeyValue) => void;
  errors: Record<string, string>;
}) {
  const images = useSiteKeyImages();
  const imageError = errors['siteKey.imageId'] ?? errors.imageId;
  return (
    <div>
      <fieldset
        className="site-key-picker"
        aria-describedby={imageError ? 'site-key-image-error' : undefined}
      >
        <legend>Choose your SiteKey picture</legend>
        <p className="ds-c-hint ds-u-margin-top--0">
          We show this picture and your phrase after you enter your username, so you know you are on the real
          OpenPBM site before you type your password.
        </p>
        {imageError ? (
          <p id="site-key-image-error" className="ds-c-inline-error">
            {imageError}
          </p>
        ) : null}
        {images.isPending ? <p role="status">Loading the pictures…</p> : null}
        {images.error ? (
          // Without this the box stayed empty when the catalogue did not load, with nothing to say why.
          <Alert variation="error" heading="The pictures did not load" headingLevel="3" role="alert">
            <p>Check your connection, then try again.</p>
            <Button size="small" onClick={() => void images.refetch()}>
              Try again
            </Button>
          </Alert>
        ) : null}
        <div className="site-key-picker__grid">
          {(images.data ?? []).map((image) => (
            <label key={image.imageId} className="site-key-picker__option">
              <input
                type="radio"
                name="siteKeyImage"
                value={image.imageId}
                checked={value.imageId === image.imageId}
                onChange={() => onChange({ ...value, imageId: image.imageId })}
              />
              <img src={image.imageUrl} alt="" width={64} height={64} />
              <span>{image.imageAlt}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        name="siteKeyPhrase"
        label="Your SiteKey phrase"
        hint="A few words only you would recognise, 3 to 60 characters. Don’t use your password."
        value={value.phrase}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ ...value, phrase: e.target.value })}
        errorMessage={errors['siteKey.phrase'] ?? errors.phrase}
        maxLength={60}
      />
    </div>
  );
}
