// Routes that deliberately answer without a signed-in user declare it: `config: publicRoute`. The route matrix test
// (apps/server/test/identity/route-matrix.test.ts) calls every other /api route signed out and expects 401, so a
// route that forgot `preHandler: requireRole(...)` fails the build instead of leaking data.
declare module 'fastify' {
  interface FastifyContextConfig {
    /** True when the route is intentionally reachable without a session. */
    public?: boolean;
  }
}

export const publicRoute = { public: true } as const;
