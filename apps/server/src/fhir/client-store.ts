// Stores an OAuth client (a SMART app or a backend system) in oidc-provider's adapter and proves it loads: the
// provider validates a client's metadata only when it reads it, so a client it would refuse is removed again and
// the caller's field-level problem is thrown instead.
import type { ProblemError } from '../platform/problem';
import type { SmartAuthServer } from './oidc-provider';

export async function storeLoadableClient(
  server: SmartAuthServer,
  clientId: string,
  metadata: Record<string, unknown>,
  refused: () => ProblemError,
): Promise<void> {
  const Adapter = server.adapter;
  await new Adapter('Client').upsert(
    clientId,
    metadata as unknown as Parameters<InstanceType<typeof Adapter>['upsert']>[1],
  );
  const loaded = await server.provider.Client.find(clientId).catch(() => undefined);
  if (!loaded) {
    await new Adapter('Client').destroy(clientId);
    throw refused();
  }
}
