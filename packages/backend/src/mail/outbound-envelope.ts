import { DomainError } from "../errors";
import { openText, sealText } from "../sealed-text";

/** Where one recipient of a queued message stands. */
export type RecipientStatus = "PENDING" | "SENT" | "FAILED" | "EXPIRED";

export type OutboundRecipient = {
  address: string;
  status: RecipientStatus;
  /** The relay's last reply for this recipient (or why it could not be reached). */
  reply: string | null;
  /** A bounce for this recipient went to the sender. */
  bounced: boolean;
};

/** The SMTP envelope of a queued message: it, not the headers, decides who receives it. */
export type OutboundEnvelope = { from: string; recipients: OutboundRecipient[] };

// A plain addr-spec (dot-atom local part, host name): what SMTP's MAIL FROM and
// RCPT TO carry. Quoted local parts, comments and display names are refused,
// and with them every CR, LF, space or angle bracket that could end a command
// or a header early.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** `local@domain` with the domain in lower case, or INVALID_INPUT naming the address. */
export function parseEnvelopeAddress(text: string): { address: string; local: string; domain: string } {
  const at = text.lastIndexOf("@");
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (at < 1 || text.length > 254 || local.length > 64 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) {
    throw new DomainError("INVALID_INPUT", `${JSON.stringify(text.slice(0, 80))} is not a mail address this server can send to or from.`);
  }
  return { address: `${local}@${domain}`, local, domain };
}

// Bound to its organization and message: an envelope copied onto another row does not open.
function context(organizationId: string, outboundId: string): string {
  return `awan outbound envelope ${organizationId}/${outboundId}`;
}

export function sealEnvelope(dataKey: CryptoKey, organizationId: string, outboundId: string, envelope: OutboundEnvelope): Promise<Uint8Array<ArrayBuffer>> {
  return sealText(dataKey, context(organizationId, outboundId), JSON.stringify(envelope));
}

export async function openEnvelope(dataKey: CryptoKey, organizationId: string, outboundId: string, sealed: Uint8Array): Promise<OutboundEnvelope> {
  return JSON.parse(await openText(dataKey, context(organizationId, outboundId), sealed, "A queued message's envelope")) as OutboundEnvelope;
}
