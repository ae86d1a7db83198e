import type { PharmacyDashboard } from '@openpbm/shared/dashboard';
import { Link } from '@tanstack/react-router';
import { useDashboard } from '../../../app/useDashboard';
import { CardGrid } from '../../../components/content/CardGrid';
import { FeatureCard } from '../../../components/content/FeatureCard';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';

/** Pharmacy staff's home: how many home-delivery orders wait at each step. */
export function PharmacyHomePage() {
  const dashboard = useDashboard<PharmacyDashboard>('pharmacy');
  return (
    <Page title="Home" eyebrow="For pharmacy staff" heading="Your pharmacy today">
      <QueryBoundary query={dashboard} what="your pharmacy’s queue">
        {(d) =>
          d.homeDelivery ? (
            <>
              <p>Open home-delivery orders at {d.pharmacyName}, by step.</p>
              <CardGrid columns={3}>
                {d.queue.map((step) => (
                  <FeatureCard
                    key={step.status}
                    title={step.label}
                    action={<Link to="/pharmacies/home-delivery">Open the order queue</Link>}
                  >
                    <p className="home-count">
                      {step.count} {step.count === 1 ? 'order' : 'orders'}
                    </p>
                  </FeatureCard>
                ))}
              </CardGrid>
            </>
          ) : (
            <p>
              {d.pharmacyName} is a retail pharmacy: it sends claims to OpenPBM over NCPDP D.0 and has no
              order queue here. <Link to="/pharmacies">How claims reach OpenPBM</Link>
            </p>
          )
        }
      </QueryBoundary>
    </Page>
  );
}
