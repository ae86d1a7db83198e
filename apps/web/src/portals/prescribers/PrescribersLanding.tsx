import { NoteBox } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { ButtonLink } from '../../components/content/ButtonLink';
import { CardGrid } from '../../components/content/CardGrid';
import { FeatureCard } from '../../components/content/FeatureCard';
import { AppealIcon, ClipboardCheckIcon, ListPlusIcon } from '../../components/content/icons';
import { Page } from '../../components/content/Page';
import { Section } from '../../components/content/Section';
import { SignedInAction } from '../../components/content/SignedInAction';

/** The three kinds of coverage request, each opened from the same list. */
const REQUEST_KINDS = [
  {
    title: 'Prior authorization',
    icon: <ClipboardCheckIcon />,
    text: 'Some drugs need approval before the plan covers them. Send the request with the diagnosis and treatment history the criteria ask for.',
  },
  {
    title: 'Formulary exceptions',
    icon: <ListPlusIcon />,
    text: 'Ask the plan to cover a drug that is not on its formulary, or to cover it at a lower tier when the preferred alternatives did not work or are not safe for your patient.',
  },
  {
    title: 'Appeals',
    icon: <AppealIcon />,
    text: 'If a request is denied, appeal it with more information. A different clinician, who did not make the first decision, reviews it again.',
  },
];

export function PrescribersLanding() {
  return (
    <Page
      title="Prescribers"
      eyebrow="For prescribers"
      heading="Get your patients the medicines they need"
      lead="Submit coverage requests with the clinical details the plan’s criteria ask for, and follow each decision from request to answer."
    >
      <Section heading="Coverage requests">
        <p>
          <SignedInAction>
            <ButtonLink to="/sign-in">Sign in to your coverage requests</ButtonLink>
          </SignedInAction>
        </p>
        <CardGrid columns={3}>
          {REQUEST_KINDS.map(({ title, icon, text }) => (
            <FeatureCard
              key={title}
              title={title}
              action={
                <ButtonLink to="/prescribers/prior-auth" variation="outline" size="small">
                  Open coverage requests
                </ButtonLink>
              }
              icon={icon}
            >
              <p>{text}</p>
            </FeatureCard>
          ))}
        </CardGrid>
      </Section>
      <Section heading="Prescriptions and renewals">
        <p>
          Send a new prescription to the OpenPBM home-delivery pharmacy, and answer your patients’ renewal
          requests, from <Link to="/prescribers/eprescribe">e-prescribing</Link> once you are signed in.
        </p>
      </Section>
      <NoteBox heading="How long decisions take" headingLevel="2" className="page-note">
        <ul>
          <li>
            <strong>Expedited requests</strong>, when waiting could seriously harm your patient’s health: a
            decision within 72 hours.
          </li>
          <li>
            <strong>Standard requests</strong>: a decision within 7 calendar days.
          </li>
        </ul>
      </NoteBox>
    </Page>
  );
}
