// Every domain's HTTP routes, registered under /api. One line per domain folder.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps';
import { registerAutoRefillRoutes } from './auto-refill/routes';
import { registerBenefitsRoutes } from './benefits/routes';
import { registerCertificateRoutes } from './certificates/routes';
import { registerClaimsRoutes } from './claims/routes';
import { registerClientRoutes } from './clients/routes';
import { registerContentDownloadRoutes } from './content/download-routes';
import { registerContentRoutes } from './content/routes';
import { registerDashboardRoutes } from './dashboard/routes';
import { registerEprescribeRoutes } from './eprescribe/routes';
import { registerFamilyRoutes } from './family/routes';
import { registerFhirAppRoutes } from './fhir/app-routes';
import { registerHomeDeliveryRoutes } from './home-delivery/routes';
import { registerIdCardRoutes } from './id-card/routes';
import { registerIdentityRoutes } from './identity/routes';
import { registerNotificationRoutes } from './messages/preference-routes';
import { registerSecureMessageRoutes } from './messages/secure-message-routes';
import { registerOrderRoutes } from './orders/routes';
import { registerPaymentRoutes } from './payments/routes';
import { registerPharmacyLocatorRoutes } from './pharmacy-locator/routes';
import { registerPrescriptionRoutes } from './prescriptions/routes';
import { registerPriorAuthRoutes } from './prior-auth/routes';
import { registerPrivacyRoutes } from './privacy/routes';
import { registerSupportRoutes } from './support/routes';
import { registerTransferRoutes } from './transfers/routes';

export async function registerDomainRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // First: adds the session hook (request.principal) and the CSRF check for every /api route.
  await registerIdentityRoutes(app, deps);
  registerBenefitsRoutes(app, deps);
  await registerClaimsRoutes(app, deps);
  registerPaymentRoutes(app, deps);
  registerFamilyRoutes(app, deps);
  registerPrescriptionRoutes(app, deps);
  registerOrderRoutes(app, deps);
  registerHomeDeliveryRoutes(app, deps);
  registerAutoRefillRoutes(app, deps);
  registerTransferRoutes(app, deps);
  registerEprescribeRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerIdCardRoutes(app, deps);
  registerPharmacyLocatorRoutes(app, deps);
  registerPriorAuthRoutes(app, deps);
  registerSecureMessageRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerSupportRoutes(app, deps);
  registerClientRoutes(app, deps);
  registerContentRoutes(app, deps);
  registerContentDownloadRoutes(app, deps);
  registerCertificateRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerFhirAppRoutes(app, deps);
}
