import { NoteBox } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { ButtonLink } from '../../components/content/ButtonLink';
import { CardGrid } from '../../components/content/CardGrid';
import { FeatureCard } from '../../components/content/FeatureCard';
import { Page } from '../../components/content/Page';
import { Section } from '../../components/content/Section';
import { SignedInAction } from '../../components/content/SignedInAction';
import { memberServices } from './memberServices';

export function MembersLanding() {
  return (
    <Page
      title="Members"
      eyebrow="For members"
      heading="Your pharmacy benefits, in one place"
      lead="Manage prescriptions for you and your family, see what your medicines cost and get them delivered. Sign in to use every service below."
      actions={
        <SignedInAction>
          <ButtonLink to="/sign-in">Sign in to your account</ButtonLink>
        </SignedInAction>
      }
    >
      <Section heading="What you can do">
        <CardGrid columns={3}>
          {memberServices.map((s) => (
            <FeatureCard
              key={s.title}
              title={s.title}
              icon={s.icon}
              action={
                <Link to={s.to} className="feature-card__link">
                  Open {s.linkText}
                </Link>
              }
            >
              <p>{s.description}</p>
            </FeatureCard>
          ))}
        </CardGrid>
      </Section>
      <NoteBox heading="Need help with a prescription today?" headingLevel="2" className="page-note">
        <p>
          Call the member services number on the back of your member ID card. If you have a medical emergency,
          call 911.
        </p>
      </NoteBox>
    </Page>
  );
}
