// The identity pages in the route tree (one line in routes/router.tsx): sign-in, activation, e-mail links and
// "My account". Loaded on demand, like the other portals' pages.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function identityRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/sign-in',
      component: lazyRouteComponent(() => import('./SignInPage'), 'SignInPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/home',
      component: lazyRouteComponent(() => import('./HomeRedirect'), 'HomeRedirect'),
    }),
    createRoute({
      getParentRoute,
      path: '/activate',
      component: lazyRouteComponent(() => import('./ActivatePage'), 'ActivatePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/verify-email',
      component: lazyRouteComponent(() => import('./VerifyEmailPage'), 'VerifyEmailPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account',
      component: lazyRouteComponent(() => import('./AccountHomePage'), 'AccountHomePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/security/setup',
      component: lazyRouteComponent(() => import('./SetupPage'), 'SetupPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/site-key',
      component: lazyRouteComponent(() => import('./SiteKeyPage'), 'SiteKeyPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/security-questions',
      component: lazyRouteComponent(() => import('./SecurityQuestionsPage'), 'SecurityQuestionsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/authenticator',
      component: lazyRouteComponent(() => import('./AuthenticatorPage'), 'AuthenticatorPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/passkeys',
      component: lazyRouteComponent(() => import('./PasskeysPage'), 'PasskeysPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/recovery-codes',
      component: lazyRouteComponent(() => import('./RecoveryCodesPage'), 'RecoveryCodesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/forgot-password',
      component: lazyRouteComponent(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/forgot-username',
      component: lazyRouteComponent(() => import('./ForgotUsernamePage'), 'ForgotUsernamePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/reset-password',
      component: lazyRouteComponent(() => import('./ResetPasswordPage'), 'ResetPasswordPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/password',
      component: lazyRouteComponent(() => import('./ChangePasswordPage'), 'ChangePasswordPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/sessions',
      component: lazyRouteComponent(() => import('./SessionsPage'), 'SessionsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/login-history',
      component: lazyRouteComponent(() => import('./LoginHistoryPage'), 'LoginHistoryPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account/profile',
      component: lazyRouteComponent(() => import('./ProfilePage'), 'ProfilePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/account-team/client-users',
      component: lazyRouteComponent(() => import('./ClientUserProfilePage'), 'ClientUserProfilePage'),
    }),
  ] as const;
}
