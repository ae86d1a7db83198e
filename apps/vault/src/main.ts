// `npm run vault`: the card vault as its own process. Prints "Vault listening on <url>"; when started by the
// server (fork with an IPC channel) it also reports the address over IPC and stops when its parent goes away.
import { loadVaultConfig } from './config';
import { listenVault } from './server';
import { openVaultStore } from './store';

const config = loadVaultConfig();
const store = await openVaultStore(config);
const vault = await listenVault(config, store);
console.log(`Vault listening on ${vault.url}`);
process.send?.({ type: 'vault-ready', url: vault.url });

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await vault.close();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
// The parent closed the IPC channel (it exited or stopped us): no orphaned vault.
process.on('disconnect', () => void shutdown());
