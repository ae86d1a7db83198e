// Baseline target: the bare framework, no plugins, no database — the ceiling for any JSON endpoint here.
import Fastify from 'fastify';
import { reportListening } from '../lib/child-server';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
reportListening(address.port);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
