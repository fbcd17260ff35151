// The SMTP benchmark's load generator, one client for Awan and postfix alike
// (smtp-source cannot time single messages): raw sockets, `connections` SMTP
// sessions, each sending one transaction after another, with MAIL FROM, RCPT TO
// and DATA written together (PIPELINING, RFC 2920, as postfix's own SMTP client
// does) and the message after the 354. A message is timed from the write of its
// MAIL FROM to the 250 that answers its final dot.
import net from "node:net";

export type Load = { messages: number; connections: number; messageBytes: number };
export type LoadFigures = {
  accepted: number;
  refused: number;
  /** First refusals or failures, as the server worded them. */
  errors: string[];
  /** performance.now() at the first MAIL FROM. */
  startedAt: number;
  seconds: number;
  messagesPerSecond: number;
  p50: number;
  p99: number;
  max: number;
};

const SENDER = "bench-sender@example.org";

/** An RFC 5322 message of about `bytes` (to within a line), unique (Message-ID, subject, body) so nothing can be deduplicated. */
export function benchMessage(n: number, to: string, bytes: number, run: string): Buffer {
  const headers = [
    `From: Bench Sender <${SENDER}>`,
    `To: <${to}>`,
    `Subject: Bench message ${n} of run ${run}`,
    `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <bench-${run}-${n}@example.org>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=us-ascii",
  ].join("\r\n");
  let body = "";
  let line = "";
  const random = seededRandom(`${run}-${n}`);
  // Prose-like lines of at most 72 characters: words of a made-up language, common ones far more often, so that
  // 10 KiB hold some 1,800 words of which ~700 differ, as in English prose; no line starts with a dot.
  while (headers.length + 4 + body.length + line.length < bytes) {
    const word = VOCABULARY[Math.floor(VOCABULARY.length * random() ** 5)]!;
    if (line.length + word.length + 1 > 72) {
      body += `${line}\r\n`;
      line = "";
    }
    line += line ? ` ${word}` : word;
  }
  return Buffer.from(`${headers}\r\n\r\n${body}${line}\r\n`);
}

const SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vu", "dor", "el", "fin", "gra", "ho", "ist", "jun", "ko", "mar", "nel", "op", "pra", "qui", "sol"];
/** 2,000 words of one to four syllables. */
const VOCABULARY = Array.from({ length: 2_000 }, (_, i) => {
  let word = "";
  for (let rest = i + 1; rest > 0; rest = Math.floor(rest / SYLLABLES.length)) word += SYLLABLES[rest % SYLLABLES.length];
  return word;
});

/** A deterministic pseudo-random sequence in [0, 1) from a seed (mulberry32). */
function seededRandom(seed: string): () => number {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 1779033703);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One SMTP session: replies are read in order; each `reply()` resolves with the next complete reply. */
class SmtpSession {
  private buffer = "";
  private readonly waiting: ((reply: string) => void)[] = [];
  private readonly replies: string[] = [];
  private failure: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.setEncoding("latin1");
    socket.on("data", (text: string) => {
      this.buffer += text;
      // A reply ends with a line "NNN text" (a space after the code, not a dash).
      for (let match = /(?:^|\r\n)\d{3}(?: [^\r\n]*)?\r\n/.exec(this.buffer); match; match = /(?:^|\r\n)\d{3}(?: [^\r\n]*)?\r\n/.exec(this.buffer)) {
        const end = match.index + match[0].length;
        const reply = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        const resolve = this.waiting.shift();
        if (resolve) resolve(reply.trim());
        else this.replies.push(reply.trim());
      }
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const resolve of this.waiting.splice(0)) resolve(`000 ${error.message}`);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
  }

  static async open(port: number): Promise<SmtpSession> {
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const session = new SmtpSession(socket);
    const greeting = await session.reply();
    if (!greeting.startsWith("220")) throw new Error(`SMTP greeting: ${greeting}`);
    session.write("EHLO bench-client.example.org\r\n");
    const ehlo = await session.reply();
    if (!/^250[- ]PIPELINING/m.test(ehlo.replace(/\r\n/g, "\n"))) throw new Error(`The server does not offer PIPELINING: ${ehlo}`);
    return session;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  reply(): Promise<string> {
    const ready = this.replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.failure) return Promise.resolve(`000 ${this.failure.message}`);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    if (!this.failure) {
      this.write("QUIT\r\n");
      await this.reply();
    }
    this.socket.destroy();
  }
}

/** Sends one message; resolves with null once answered 250, or the refusal. */
async function sendOne(session: SmtpSession, to: string, message: Buffer): Promise<string | null> {
  session.write(`MAIL FROM:<${SENDER}> SIZE=${message.length}\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
  const [mail, rcpt, data] = [await session.reply(), await session.reply(), await session.reply()];
  if (!mail.startsWith("250") || !rcpt.startsWith("250") || !data.startsWith("354")) {
    if (data.startsWith("354")) {
      // The server took DATA without a recipient (it should not): end it empty.
      session.write(".\r\n");
      await session.reply();
    }
    session.write("RSET\r\n");
    await session.reply();
    return [mail, rcpt, data].find((r) => !r.startsWith("250") && !r.startsWith("354"))!;
  }
  session.write(message);
  session.write(".\r\n");
  const done = await session.reply();
  return done.startsWith("250") ? null : done;
}

/**
 * Sends `load.messages` messages over `load.connections` sessions, message n
 * to `recipients[n % recipients.length]`; every message is sent once (a
 * refused one is counted, not retried).
 */
export async function runSmtpLoad(port: number, recipients: string[], load: Load, run: string): Promise<LoadFigures> {
  const messages = Array.from({ length: load.messages }, (_, n) => benchMessage(n, recipients[n % recipients.length]!, load.messageBytes, run));
  const sessions = await Promise.all(Array.from({ length: load.connections }, () => SmtpSession.open(port)));
  const latencies: number[] = [];
  const errors: string[] = [];
  let refused = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    sessions.map(async (session) => {
      while (next < load.messages) {
        const n = next++;
        const sent = performance.now();
        const refusal = await sendOne(session, recipients[n % recipients.length]!, messages[n]!);
        if (refusal === null) latencies.push(performance.now() - sent);
        else {
          refused++;
          if (errors.length < 5) errors.push(`message ${n}: ${refusal}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(sessions.map((s) => s.close()));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
  return { accepted: latencies.length, refused, errors, startedAt: started, seconds, messagesPerSecond: latencies.length / seconds, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? 0 };
}
