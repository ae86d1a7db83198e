// `npm run cluster -- up|down|status` (see docs/deploy.md). CLUSTER_DIR moves the data directory;
// CLUSTER_MEMBERS sets how many synthetic members `up` seeds (default 300).
import { clusterDown, clusterStatus, clusterUp } from './cluster';
import { clusterDir } from './layout';

const command = process.argv[2];
if (command === 'up') {
  const started = performance.now();
  try {
    await clusterUp({ members: Number(process.env.CLUSTER_MEMBERS ?? 300) });
  } catch (err) {
    console.error(
      `cluster up failed: ${(err as Error).message}\nlogs in ${clusterDir()}/logs; run \`npm run cluster -- down\``,
    );
    process.exit(1);
  }
  console.log(`up in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const line of await clusterStatus()) console.log(line);
} else if (command === 'down') {
  await clusterDown();
  console.log(`stopped; ${clusterDir()} removed`);
} else if (command === 'status') {
  for (const line of await clusterStatus()) console.log(line);
} else {
  console.error('usage: npm run cluster -- up|down|status');
  process.exit(2);
}
process.exit(0);
