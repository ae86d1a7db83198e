import { Button } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type CookieConsent, chooseConsent, currentConsent } from './cookie-consent';

/** Shown until the user chooses; nothing but strictly necessary cookies exist before then. */
export function CookieBanner() {
  const [consent, setConsent] = useState<CookieConsent | null>(() => currentConsent());
  useEffect(() => {
    const update = () => setConsent(currentConsent());
    window.addEventListener('openpbm:cookie-consent', update);
    return () => window.removeEventListener('openpbm:cookie-consent', update);
  }, []);
  if (consent) return null;
  return (
    <section className="cookie-banner" aria-labelledby="cookie-banner-heading">
      <div className="ds-l-container">
        <h2 id="cookie-banner-heading" className="ds-text-heading--lg">
          Cookies on OpenPBM
        </h2>
        <p>
          We use strictly necessary cookies to keep you signed in and secure. With your permission we also
          remember small preferences, such as a notice you chose to hide.{' '}
          <Link to="/privacy">Read our privacy notice</Link>.
        </p>
        <div className="cookie-banner__actions">
          <Button variation="solid" onClick={() => chooseConsent('preferences')}>
            Accept preference cookies
          </Button>
          <Button onClick={() => chooseConsent('necessary')}>Necessary cookies only</Button>
        </div>
      </div>
    </section>
  );
}

/** The choice, changeable at any time (on the privacy page). */
export function CookiePreferences() {
  const [consent, setConsent] = useState<CookieConsent | null>(() => currentConsent());
  const choose = (value: CookieConsent) => {
    chooseConsent(value);
    setConsent(value);
  };
  return (
    <fieldset className="ds-c-fieldset">
      <legend className="ds-c-label">Cookies we may set</legend>
      {(
        [
          ['necessary', 'Strictly necessary cookies only'],
          ['preferences', 'Necessary and preference cookies'],
        ] as const
      ).map(([value, label]) => (
        <div className="ds-c-choice-wrapper" key={value}>
          <input
            className="ds-c-choice"
            type="radio"
            id={`cookie-${value}`}
            name="cookie-consent"
            checked={consent === value}
            onChange={() => choose(value)}
          />
          <label className="ds-c-label" htmlFor={`cookie-${value}`}>
            {label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
