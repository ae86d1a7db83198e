import { Link } from '@tanstack/react-router';
import { homePathFor } from '../../identity/home-path';
import { useSession } from '../../identity/session';
import { audienceLinks } from './navigation';

export function SiteFooter() {
  const session = useSession();
  const user = session.data?.signedIn ? session.data.user : undefined;
  return (
    <footer className="site-footer">
      <div className="ds-l-container">
        <div className="ds-l-row">
          <div className="ds-l-col--12 ds-l-md-col--5">
            <p className="site-footer__name">OpenPBM</p>
            <p className="site-footer__about">
              Open-source pharmacy benefit management: coverage, claims, prior authorization and home delivery
              in one platform that anyone can inspect.
            </p>
          </div>
          <nav className="ds-l-col--12 ds-l-sm-col--6 ds-l-md-col--3" aria-labelledby="footer-audiences">
            <h2 id="footer-audiences" className="site-footer__heading">
              Who we serve
            </h2>
            <ul className="site-footer__list">
              {audienceLinks.map((link) => (
                <li key={link.to}>
                  <Link to={link.to}>{link.longLabel}</Link>
                </li>
              ))}
            </ul>
          </nav>
          <nav className="ds-l-col--12 ds-l-sm-col--6 ds-l-md-col--4" aria-labelledby="footer-resources">
            <h2 id="footer-resources" className="site-footer__heading">
              Resources
            </h2>
            <ul className="site-footer__list">
              <li>
                {user ? (
                  <Link to={homePathFor(user.role)}>My home page</Link>
                ) : (
                  <Link to="/sign-in">Sign in</Link>
                )}
              </li>
              <li>
                {/* Served by the API server, not by the single-page app. */}
                <a href="/docs">API documentation</a>
              </li>
            </ul>
          </nav>
        </div>
        <p className="site-footer__legal">
          OpenPBM is open-source software licensed under the Apache License 2.0.
        </p>
      </div>
    </footer>
  );
}
