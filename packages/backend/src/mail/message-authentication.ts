import dns from "node:dns";
import { authenticate, type DNSResolver } from "mailauth";

// SPF, DKIM, DMARC and ARC verdicts of arriving mail (mailauth), kept with the
// message (MailMessage.authResults) for the message view. DNS goes through a
// resolver that tests replace; the default one gives up quickly, so a machine
// without DNS gets "temperror"/"none" verdicts instead of a stalled delivery.

export type { DNSResolver };

/** What the SMTP session says about where the message came from. */
export type SmtpOrigin = { ip: string; helo: string; sender: string };

export type AuthVerdict = { result: string; domain: string | null };

/** What is stored in authResults and shown in the message view. */
export type MailAuthResults = {
  spf: AuthVerdict;
  dkim: AuthVerdict[];
  dmarc: AuthVerdict & { policy: string | null };
  arc: { result: string };
  /** The Authentication-Results (and Received-SPF) headers this server would add. */
  headers: string;
};

/** The verdicts, and whether the sender's domain asks for the message to be refused (DMARC fail with p=reject). */
export type MailAuthentication = { results: MailAuthResults; failsDmarcReject: boolean };

export type AuthenticateOptions = { resolver?: DNSResolver; mta: string; timeoutMs?: number };

const LOOKUP_TIMEOUT_MS = 2_000;
/** All lookups of one message together; past this the verdicts are temperror. */
const DEFAULT_TIMEOUT_MS = 8_000;

let systemResolver: DNSResolver | undefined;

/** The system's resolver, one try of LOOKUP_TIMEOUT_MS per lookup. */
export function defaultDnsResolver(): DNSResolver {
  if (!systemResolver) {
    const resolver = new dns.promises.Resolver({ timeout: LOOKUP_TIMEOUT_MS, tries: 1 });
    systemResolver = (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
  }
  return systemResolver;
}

function temperror(header: string): MailAuthResults {
  return {
    spf: { result: "temperror", domain: null },
    dkim: [],
    dmarc: { result: "temperror", domain: null, policy: null },
    arc: { result: "temperror" },
    headers: header,
  };
}

/**
 * Verifies a message's SPF (from the SMTP origin), DKIM signatures, ARC
 * chain and DMARC. Never throws: a failure of the check itself is a
 * temperror verdict, and the message is delivered as usual.
 */
export async function authenticateMessage(raw: Buffer, origin: SmtpOrigin, options: AuthenticateOptions): Promise<MailAuthentication> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  try {
    const checked = authenticate(raw, {
      ip: origin.ip,
      helo: origin.helo,
      sender: origin.sender,
      mta: options.mta,
      resolver: options.resolver ?? defaultDnsResolver(),
      disableBimi: true,
    });
    checked.catch(() => {}); // after a timeout its outcome is nobody's
    const outcome = await Promise.race([checked, deadline]);
    if (outcome === "timeout") {
      return { results: temperror(`Authentication-Results: ${options.mta}; none (the checks timed out)`), failsDmarcReject: false };
    }
    const { spf, dkim, dmarc, arc, headers } = outcome;
    const results: MailAuthResults = {
      spf: spf ? { result: spf.status.result, domain: spf.domain ?? null } : { result: "none", domain: null },
      dkim: dkim.results.map((r) => ({ result: r.status.result, domain: r.signingDomain ?? null })),
      dmarc: dmarc ? { result: dmarc.status.result, domain: dmarc.domain ?? null, policy: dmarc.policy ?? null } : { result: "none", domain: null, policy: null },
      arc: { result: arc ? arc.status.result : "none" },
      headers: headers.split("\r\n").filter((line) => line.length > 0).join("\r\n"),
    };
    return { results, failsDmarcReject: results.dmarc.result === "fail" && results.dmarc.policy === "reject" };
  } catch (error) {
    console.error("Checking a message's SPF/DKIM/DMARC failed; it is delivered with temperror verdicts.", error);
    return { results: temperror(`Authentication-Results: ${options.mta}; none (the checks failed)`), failsDmarcReject: false };
  } finally {
    clearTimeout(timer);
  }
}
