import crypto from "node:crypto";
import { promisify } from "node:util";
import { openText, sealText } from "../sealed-text";

const generateKeyPair = promisify(crypto.generateKeyPair);

/** The selector every domain's DKIM key is published under: `awan._domainkey.<domain>`. */
export const DKIM_SELECTOR = "awan";

// The private key is bound to its organization and domain: a sealed key copied
// onto another domain's row does not open.
function context(organizationId: string, domain: string): string {
  return `awan dkim key ${organizationId}/${domain}`;
}

/** A fresh RSA-2048 key pair (what receivers verify everywhere), its private half sealed under the data key. */
export async function createDkimKey(
  dataKey: CryptoKey,
  organizationId: string,
  domain: string,
): Promise<{ dkimSelector: string; dkimPublicKey: string; dkimPrivateKey: Uint8Array<ArrayBuffer> }> {
  const { publicKey, privateKey } = await generateKeyPair("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "der" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return {
    dkimSelector: DKIM_SELECTOR,
    dkimPublicKey: publicKey.toString("base64"),
    dkimPrivateKey: await sealText(dataKey, context(organizationId, domain), privateKey),
  };
}

/** The PEM private key for signing, or an integrity error. */
export function openDkimPrivateKey(dataKey: CryptoKey, organizationId: string, domain: string, sealed: Uint8Array): Promise<string> {
  return openText(dataKey, context(organizationId, domain), sealed, "A DKIM key");
}

/** The TXT record to publish at `<selector>._domainkey.<domain>`. */
export function dkimRecord(publicKey: string): string {
  return `v=DKIM1; k=rsa; p=${publicKey}`;
}
