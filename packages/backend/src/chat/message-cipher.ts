import * as sealed from "../sealed-text";

// A message body is bound to its organization and message id.
function context(organizationId: string, messageId: string): string {
  return `awan chat message ${organizationId}/${messageId}`;
}

export function sealText(dataKey: CryptoKey, organizationId: string, messageId: string, text: string): Promise<Uint8Array<ArrayBuffer>> {
  return sealed.sealText(dataKey, context(organizationId, messageId), text);
}

/** The text, or an integrity error (never garbage) when the stored bytes were changed. */
export function openText(dataKey: CryptoKey, organizationId: string, messageId: string, bytes: Uint8Array): Promise<string> {
  return sealed.openText(dataKey, context(organizationId, messageId), bytes, "A stored message");
}
