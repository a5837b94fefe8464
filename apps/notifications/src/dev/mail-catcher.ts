import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  receivedAt: string;
}

export interface MailCatcherOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  smtpPort?: number;
  /** The web/JSON view; null for none. */
  httpPort?: number | null;
  /** Refuse every message with this SMTP reply, to test failures. */
  refuseWith?: string;
}

const KEEP = 500;

/**
 * A development SMTP server that accepts every message and keeps the latest in memory, with a small
 * web page (`/`) and JSON (`/messages`, `/messages/<id>`) to read them. Built on smtp-server and
 * mailparser, the SMTP and MIME libraries of the Nodemailer project. Never for production: no
 * authentication, no TLS, no storage.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  refuseWith?: string;
  private held?: Promise<void>;
  private smtp?: SMTPServer;
  private http?: Server;

  constructor(private readonly options: MailCatcherOptions = {}) {
    this.refuseWith = options.refuseWith;
  }

  async start(): Promise<{ smtpPort: number; httpPort: number | null }> {
    const host = this.options.host ?? '127.0.0.1';
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'Alur mail catcher',
      logger: false,
      onData: (stream, _session, callback) => {
        if (this.refuseWith) {
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error(this.refuseWith), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then(async (mail) => {
            await this.held;
            this.keep({
              id: randomUUID(),
              messageId: mail.messageId ?? null,
              from: mail.from?.text ?? '',
              to: [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? '')),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              headers: Object.fromEntries([...mail.headers.entries()].filter(([, v]) => typeof v === 'string') as Array<[string, string]>),
              receivedAt: new Date().toISOString(),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const smtp = this.smtp;
    const smtpPort = await new Promise<number>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(this.options.smtpPort ?? 1025, host, () => resolve((smtp.server.address() as AddressInfo).port));
    });
    // A sender killed mid-session resets its connection: that ends the session, not the catcher.
    smtp.removeAllListeners('error');
    smtp.on('error', () => undefined);
    let httpPort: number | null = null;
    if (this.options.httpPort !== null) {
      const http = createServer((req, res) => this.serve(req, res));
      this.http = http;
      httpPort = await new Promise<number>((resolve, reject) => {
        http.once('error', reject);
        http.listen(this.options.httpPort ?? 1080, host, () => resolve((http.address() as AddressInfo).port));
      });
    }
    return { smtpPort, httpPort };
  }

  /** Answers no message until the returned function is called, as a relay slower than its senders would (tests). */
  holdAnswers(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  private keep(mail: CaughtMail): void {
    this.messages.push(mail);
    if (this.messages.length > KEEP) this.messages.splice(0, this.messages.length - KEEP);
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body, null, 2));
    };
    if (req.method === 'DELETE' && url.pathname === '/messages') {
      this.messages.length = 0;
      return json(200, { deleted: true });
    }
    if (req.method !== 'GET') return json(405, { error: 'GET or DELETE /messages only' });
    if (url.pathname === '/messages') return json(200, [...this.messages].reverse());
    const one = /^\/messages\/([\w-]+)$/.exec(url.pathname);
    if (one) {
      const mail = this.messages.find((m) => m.id === one[1]);
      return mail ? json(200, mail) : json(404, { error: 'no such message' });
    }
    if (url.pathname !== '/') return json(404, { error: 'not found' });
    const rows = [...this.messages]
      .reverse()
      .map(
        (m) =>
          `<article><h2>${escape(m.subject)}</h2><p><b>${escape(m.to.join(', '))}</b> · ${escape(m.receivedAt)}</p><pre>${escape(m.text)}</pre></article>`,
      )
      .join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>Alur mail catcher</title>` +
        `<style>body{font:15px system-ui;margin:2em;max-width:60em}article{border-top:1px solid #ccc}pre{white-space:pre-wrap}</style>` +
        `<h1>Alur mail catcher: ${this.messages.length} message(s)</h1><p>JSON: <a href="/messages">/messages</a></p>${rows}`,
    );
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
