import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ButtonLink } from '../components/content/ButtonLink';
import { CardGrid } from '../components/content/CardGrid';
import { FeatureCard } from '../components/content/FeatureCard';
import {
  AccessibilityIcon,
  BuildingIcon,
  CodeIcon,
  LockIcon,
  PersonIcon,
  StethoscopeIcon,
  StorefrontIcon,
} from '../components/content/icons';
import { Page } from '../components/content/Page';
import { Section } from '../components/content/Section';
import { SignedInAction } from '../components/content/SignedInAction';

interface Audience {
  to: '/members' | '/clients' | '/prescribers' | '/pharmacies';
  title: string;
  icon: ReactNode;
  summary: string;
  linkText: string;
}

const audiences: Audience[] = [
  {
    to: '/members',
    title: 'Members',
    icon: <PersonIcon />,
    summary:
      'Check your prescriptions and refills, compare drug prices, get medicines delivered to your door and keep your pharmacy ID card on your phone.',
    linkText: 'Member services',
  },
  {
    to: '/clients',
    title: 'Plan sponsors and advisors',
    icon: <BuildingIcon />,
    summary:
      'Employers, health plans and benefit advisors: follow your plan’s news, webinars and publications, and request secure access for your team.',
    linkText: 'Plan sponsor resources',
  },
  {
    to: '/prescribers',
    title: 'Prescribers',
    icon: <StethoscopeIcon />,
    summary:
      'Request prior authorization, ask for a formulary exception and follow up on appeals so your patients can start treatment sooner.',
    linkText: 'Prescriber tools',
  },
  {
    to: '/pharmacies',
    title: 'Pharmacies',
    icon: <StorefrontIcon />,
    summary:
      'Submit NCPDP D.0 claims in real time using the BIN and PCN on the member’s ID card, and find the reject codes we return.',
    linkText: 'Pharmacy claims processing',
  },
];

export function HomePage() {
  return (
    <Page
      title="OpenPBM"
      eyebrow="Open-source pharmacy benefit management"
      heading="Pharmacy benefits that are clear for everyone involved"
      lead="OpenPBM runs prescription drug coverage for employers and health plans: eligibility, claims, prior authorization and home delivery, in one platform anyone can inspect."
      actions={
        <SignedInAction>
          <ButtonLink to="/sign-in">Sign in</ButtonLink>
        </SignedInAction>
      }
    >
      <Section heading="Who are you?" intro="Choose the option that describes you to see what you can do.">
        <CardGrid columns={4}>
          {audiences.map((a) => (
            <FeatureCard
              key={a.to}
              title={a.title}
              icon={a.icon}
              action={
                <Link to={a.to} className="feature-card__link">
                  {a.linkText}
                </Link>
              }
            >
              <p>{a.summary}</p>
            </FeatureCard>
          ))}
        </CardGrid>
      </Section>
      <Section heading="Built in the open" className="page-section--muted">
        <CardGrid columns={3}>
          <FeatureCard title="Open source" icon={<CodeIcon />}>
            <p>
              The rules that decide coverage and what you pay are published under the Apache License 2.0, so
              plan sponsors, regulators and members can check how a decision was made.
            </p>
          </FeatureCard>
          <FeatureCard title="Accessible" icon={<AccessibilityIcon />}>
            <p>
              Every page is built to WCAG 2.1 AA with the CMS Design System and works with a keyboard, screen
              readers and zoom up to 200%.
            </p>
          </FeatureCard>
          <FeatureCard title="Private by design" icon={<LockIcon />}>
            <p>
              Health information is encrypted at rest, kept out of web addresses and e-mails, and each time
              staff look at it is recorded.
            </p>
          </FeatureCard>
        </CardGrid>
      </Section>
    </Page>
  );
}
