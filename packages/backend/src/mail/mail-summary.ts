import { openText, sealText } from "../sealed-text";

export type MailAddressee = { name: string; address: string };

/** What folder lists and the conversation view show without reading the raw message. */
export type MailSummary = {
  from: MailAddressee | null;
  to: MailAddressee[];
  cc: MailAddressee[];
  subject: string;
  /** The first ~200 characters of the text. */
  snippet: string;
  attachments: { name: string; mediaType: string; size: number }[];
};

// Bound to its organization and message: a summary copied onto another row does not open.
function context(organizationId: string, messageId: string): string {
  return `awan mail summary ${organizationId}/${messageId}`;
}

export function sealSummary(dataKey: CryptoKey, organizationId: string, messageId: string, summary: MailSummary): Promise<Uint8Array<ArrayBuffer>> {
  return sealText(dataKey, context(organizationId, messageId), JSON.stringify(summary));
}

export async function openSummary(dataKey: CryptoKey, organizationId: string, messageId: string, sealed: Uint8Array): Promise<MailSummary> {
  return JSON.parse(await openText(dataKey, context(organizationId, messageId), sealed, "A stored mail message")) as MailSummary;
}
