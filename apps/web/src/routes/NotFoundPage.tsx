import { Link } from '@tanstack/react-router';
import { ButtonLink } from '../components/content/ButtonLink';
import { Page } from '../components/content/Page';
import { audienceLinks } from '../components/layout/navigation';

export function NotFoundPage() {
  return (
    <Page
      title="Page not found"
      heading="Page not found"
      lead="The page you’re looking for doesn’t exist or has moved. Check the address for typos, or update your bookmark if you used one."
      actions={<ButtonLink to="/">Go to the OpenPBM home page</ButtonLink>}
    >
      <section aria-labelledby="not-found-links" className="page-section">
        <h2 id="not-found-links" className="page-section__heading">
          Or go straight to
        </h2>
        <ul className="link-list">
          {audienceLinks.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{link.longLabel}</Link>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
