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
          type="news"
          icon={<NewsIcon />}
          description="Formulary updates, regulatory changes and OpenPBM announcements that affect your plan."
          emptyText="No news has been published yet."
        />
        <ResourceChannel
          heading="Webinars"
          type="webinar"
          icon={<VideoIcon />}
          description="Live and recorded sessions on benefit design, specialty drug trends and managing plan costs."
          emptyText="No webinars are coming up."
        />
        <ResourceChannel
          heading="Publications"
          type="publication"
          icon={<BookIcon />}
          description="Drug trend reports, clinical program summaries and guides to reading your plan’s results."
          emptyText="No publications are available yet."
        />
      </div>
      <p>
        <ButtonLink to="/clients/hub" variation="outline">
          Browse all news and insights
        </ButtonLink>
      </p>
      <Section heading="Request secure access" className="access-panel">
        <p>
          Secure access lets the people on your benefits team see plan reports, claims and utilization,
          formulary documents and member eligibility files. Access is given to each person by name and
          protected with two-step verification.
        </p>
        <Alert heading="Register, then ask for tools" headingLevel="3" className="ds-u-margin-top--3">
          Register with your work e-mail address. Once registered, ask for the tools you need for each client:
          your OpenPBM account team confirms your organization and role with a call-back within 10 days.
        </Alert>
        <p className="ds-u-margin-top--3">
          <ButtonLink to="/clients/register" variation="solid">
            Register
          </ButtonLink>{' '}
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
