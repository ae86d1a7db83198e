import { Button } from '@cmsgov/design-system';
import { ErrorAlert } from '../components/content/ErrorAlert';
import { Field, HintAndError, useKitField } from '../components/form';
import { useSiteKeyImages } from './catalogs';

/**
 * Choose a SiteKey inside a kit <Form>: one of the bundled pictures (radio buttons) and a phrase, at
 * `${prefix}imageId` and `${prefix}phrase` (the names the API's field errors use).
 */
export function SiteKeyFields({ prefix = '' }: { prefix?: string }) {
  const images = useSiteKeyImages();
  const picture = useKitField(`${prefix}imageId`, true);
  const { 'aria-invalid': _invalid, 'aria-describedby': _describedBy, ...radio } = picture.control;
  return (
    <div>
      <fieldset
        id={picture.id}
        tabIndex={-1}
        className="site-key-picker"
        aria-invalid={picture.error ? true : undefined}
        aria-describedby={picture.control['aria-describedby']}
      >
        <legend>Choose your SiteKey picture</legend>
        <HintAndError
          hint="We show this picture and your phrase after you enter your username, so you know you are on the real OpenPBM site before you type your password."
          hintId={picture.hintId}
          error={picture.error}
          errorId={picture.errorId}
        />
        {images.isPending ? <p role="status">Loading the pictures…</p> : null}
        {images.error ? (
          // Without this the box stayed empty when the catalogue did not load, with nothing to say why.
          <ErrorAlert heading="The pictures did not load" headingLevel="3">
            <p>Check your connection, then try again.</p>
            <Button size="small" onClick={() => void images.refetch()}>
              Try again
            </Button>
          </ErrorAlert>
        ) : null}
        <div className="site-key-picker__grid">
          {(images.data ?? []).map((image) => (
            <label key={image.imageId} className="site-key-picker__option">
              <input type="radio" value={image.imageId} {...radio} />
              <img src={image.imageUrl} alt="" width={64} height={64} />
              <span>{image.imageAlt}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        name={`${prefix}phrase`}
        label="Your SiteKey phrase"
        hint="A few words only you would recognise, 3 to 60 characters. Don’t use your password."
        maxLength={60}
      />
    </div>
  );
}
