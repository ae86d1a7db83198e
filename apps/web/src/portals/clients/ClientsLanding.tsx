import { Alert } from '@cmsgov/design-system';
import { ButtonLink } from '../../components/content/ButtonLink';
import { BookIcon, NewsIcon, VideoIcon } from '../../components/content/icons';
import { Page } from '../../components/content/Page';
import { Section } from '../../components/content/Section';
import { SignedInAction } from '../../components/content/SignedInAction';
import { ResourceChannel } from './ResourceChannel';

export function ClientsLanding() {
  return (
    <Page
      title="Plan sponsors and advisors"
      eyebrow="For plan sponsors and advisors"
      heading="Insight and tools for the plans you manage"
      lead="For employers, health plans and the benefit advisors who work with them: stay current on drug trends and plan changes, and give your team secure access to plan reporting."
    >
      <div className="resource-channels">
        <ResourceChannel
          heading="News"
          icon={<NewsIcon />}
          description="Formulary updates, regulatory changes and OpenPBM announcements that affect your plan."
          emptyText="No news has been published yet."
        />
        <ResourceChannel
          heading="Webinars"
          icon={<VideoIcon />}
          description="Live and recorded sessions on benefit design, specialty drug trends and managing plan costs."
          emptyText="No webinars are scheduled yet."
        />
        <ResourceChannel
          heading="Publications"
          icon={<BookIcon />}
          description="Drug trend reports, clinical program summaries and guides to reading your plan’s results."
          emptyText="No publications are available yet."
        />
      </div>
      <Section heading="Request secure access" className="access-panel">
        <p>
          Secure access lets the people on your benefits team see plan reports, member eligibility and
          invoices. Access is given to each person by name and protected with two-step verification.
        </p>
        <Alert heading="Ask your account team" headingLevel="3" className="ds-u-margin-top--3">
          Access is not requested online: your OpenPBM account team sets it up for you after confirming your
          organization and role.
        </Alert>
        <p className="ds-u-margin-top--3">
          <SignedInAction>
            <ButtonLink to="/sign-in" variation="outline">
              Already have access? Sign in
            </ButtonLink>
          </SignedInAction>
        </p>
      </Section>
    </Page>
  );
}
