import nodemailer from "nodemailer";

export type RelaySettings = {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://... (TLS from the start). */
  url: URL;
  /** The name this server gives in EHLO. */
  hostname: string;
};

/** What the relay said about one recipient. */
export type RelayOutcome = { address: string; result: "SENT" | "TEMPORARY" | "PERMANENT"; reply: string };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string; recipient?: string; rejectedErrors?: SmtpError[] };

const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 };

function transportFor({ url, hostname }: RelaySettings) {
  const secure = url.protocol === "smtps:";
  return nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    name: hostname,
    ...TIMEOUTS,
  });
}

/**
 * Hands one message to the smarthost in one SMTP transaction, the envelope
 * (not the headers) naming sender and recipients, and sorts every recipient
 * by the reply: 2xx sent, 5xx at RCPT or DATA refused for good, anything else
 * (4xx, a dropped connection, a timeout, a relay that refuses our login)
 * worth another try.
 */
export async function relayMessage(relay: RelaySettings, message: { from: string; recipients: string[]; raw: Buffer }): Promise<RelayOutcome[]> {
  const transport = transportFor(relay);
  try {
    // nodemailer reports recipients refused at RCPT beside those accepted, when at least one was.
    const info = (await transport.sendMail({ envelope: { from: message.from, to: message.recipients }, raw: message.raw })) as { response: string; rejectedErrors?: SmtpError[] };
    const refused = new Map((info.rejectedErrors ?? []).map((e) => [e.recipient, e]));
    return message.recipients.map((address) => {
      const error = refused.get(address);
      return error ? outcomeOf(address, error) : { address, result: "SENT", reply: info.response };
    });
  } catch (caught) {
    const error = caught as SmtpError;
    const perRecipient = new Map((error.rejectedErrors ?? []).map((e) => [e.recipient, e]));
    return message.recipients.map((address) => outcomeOf(address, perRecipient.get(address) ?? error));
  } finally {
    transport.close();
  }
}

function outcomeOf(address: string, error: SmtpError): RelayOutcome {
  const reply = error.response ?? error.message;
  const refusedForGood = (error.responseCode ?? 0) >= 500 && (error.command === "RCPT TO" || error.command === "DATA");
  return { address, result: refusedForGood ? "PERMANENT" : "TEMPORARY", reply };
}
