// A real SMTP server on a loopback port, standing in for the smarthost that
// relays outbound mail: it records each envelope and message it accepts, and
// answers RCPT as a test tells it to.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type ReceivedMail = { from: string; recipients: string[]; raw: Buffer };

/** The reply to one RCPT: undefined accepts, a string "451 ..." or "550 ..." refuses with that code. */
export type RcptAnswer = (address: string, attempt: number) => string | undefined;

export type Smarthost = { url: URL; received: ReceivedMail[]; rcptAttempts: Map<string, number>; close(): Promise<void> };

/** With `login`, the relay takes mail only from that user (AUTH PLAIN/LOGIN over the loopback); `port` 0 picks a free one. */
export async function startSmarthost(answer: RcptAnswer = () => undefined, opts: { login?: { user: string; pass: string }; port?: number } = {}): Promise<Smarthost> {
  const received: ReceivedMail[] = [];
  const rcptAttempts = new Map<string, number>();
  const { login } = opts;
  const server = new SMTPServer({
    authOptional: !login,
    allowInsecureAuth: true,
    disabledCommands: login ? ["STARTTLS"] : ["AUTH", "STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const attempt = (rcptAttempts.get(address.address) ?? 0) + 1;
      rcptAttempts.set(address.address, attempt);
      const reply = answer(address.address, attempt);
      if (!reply) return callback();
      const code = Number(reply.slice(0, 3));
      callback(Object.assign(new Error(reply.slice(4)), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const parts: Buffer[] = [];
      stream.on("data", (part: Buffer) => parts.push(part));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          recipients: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(parts),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: new URL(`smtp://127.0.0.1:${port}`),
    received,
    rcptAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
