import type { SiteKey } from './types';

/** The user's SiteKey picture and phrase (or the decoy an unknown username gets: the page cannot tell). */
export function SiteKeyDisplay({ siteKey }: { siteKey: SiteKey }) {
  return (
    <figure className="site-key-display" aria-label="Your SiteKey">
      <img src={siteKey.imageUrl} alt={siteKey.imageAlt} width={96} height={96} />
      <figcaption>
        <p className="site-key-display__phrase" data-testid="site-key-phrase">
          {siteKey.phrase}
        </p>
        <p className="ds-u-margin-y--0">{siteKey.imageAlt}</p>
      </figcaption>
    </figure>
  );
}
