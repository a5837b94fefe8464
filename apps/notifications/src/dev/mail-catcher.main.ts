import { MailCatcher } from './mail-catcher';

/**
 * `npm start` runs this so that demo e-mail can be read: SMTP on MAIL_CATCHER_SMTP_PORT (1025, the
 * default SMTP_URL) and the web view on MAIL_CATCHER_HTTP_PORT (1080), both on 127.0.0.1.
 */
async function main(): Promise<void> {
  const catcher = new MailCatcher({
    host: process.env.MAIL_CATCHER_HOST ?? '127.0.0.1',
    smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025),
    httpPort: Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080),
  });
  const { smtpPort, httpPort } = await catcher.start();
  process.stdout.write(`mail catcher: SMTP on 127.0.0.1:${smtpPort}, mail at http://127.0.0.1:${httpPort}/\n`);
  const stop = () => void catcher.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`mail catcher: ${error.message}\n`);
  process.exit(1);
});
