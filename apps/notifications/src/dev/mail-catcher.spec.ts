import { connect, Socket } from 'node:net';
import { MailCatcher } from './mail-catcher';

/** Reads from a fresh connection until the SMTP greeting arrives. */
function greeting(port: number): Promise<{ socket: Socket; banner: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (chunk) => resolve({ socket, banner: chunk.toString() }));
  });
}

/** Starts a mail transaction: a reset inside one is what the SMTP server reports as an error. */
async function inTransaction(socket: Socket): Promise<void> {
  let replies = '';
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk) => {
      replies += chunk.toString();
      if (/^250 .*Accepted/m.test(replies)) resolve();
    });
    socket.write('EHLO sender.test\r\nMAIL FROM:<no-reply@alur.local>\r\n');
  });
}

describe('the development mail catcher', () => {
  it('outlives senders that reset their connections mid-session', async () => {
    const catcher = new MailCatcher({ smtpPort: 0, httpPort: null });
    const { smtpPort } = await catcher.start();
    try {
      // As notifications does when it is SIGKILLed with pooled SMTP connections open.
      for (let i = 0; i < 3; i++) {
        const { socket } = await greeting(smtpPort);
        await inTransaction(socket);
        const closed = new Promise((resolve) => socket.once('close', resolve));
        socket.resetAndDestroy();
        await closed;
      }
      const after = await greeting(smtpPort);
      expect(after.banner).toMatch(/^220 .*Alur mail catcher/);
      after.socket.destroy();
    } finally {
      await catcher.stop();
    }
  });
});
