// The local cluster's SMTP relay: accepts every message on MAIL_SINK_PORT and keeps only a count (production
// names a real relay in SMTP_URL). The app nodes run in production mode, which requires SMTP_URL.
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.MAIL_SINK_PORT ?? 17075);
let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`mail sink listening on 127.0.0.1:${port}`));
setInterval(() => console.log(`messages received: ${received}`), 60_000).unref();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
