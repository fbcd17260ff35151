import crypto from "node:crypto";
import { BlindTokens, TOKEN_BYTES } from "../search/blind-tokens";
import { indexTerms, queryTerms } from "../search/search-words";
import type { OrganizationKeys } from "../storage/organization-keys";

// Mail's blind index and Message-ID hashes: keyed hashes under keys derived
// from the organization's search key, each with a purpose of its own, so a
// mail token never equals a chat token or a Message-ID hash for the same text.

/** Every token is this long (an element of MailSearchIndex.tokens). */
export const MAIL_TOKEN_BYTES = TOKEN_BYTES;

type MailIndexKeys = { search: BlindTokens; messageId: crypto.KeyObject };
const derived = new WeakMap<CryptoKey, MailIndexKeys>();

function subKey(searchKey: crypto.KeyObject, purpose: string): Buffer {
  return crypto.createHmac("sha256", searchKey).update(purpose, "utf8").digest();
}

function mailIndexKeys(keys: OrganizationKeys): MailIndexKeys {
  let found = derived.get(keys.searchKey);
  if (!found) {
    const base = crypto.KeyObject.from(keys.searchKey);
    found = { search: new BlindTokens(subKey(base, "awan mail search")), messageId: crypto.createSecretKey(subKey(base, "awan mail message-id")) };
    derived.set(keys.searchKey, found);
  }
  return found;
}

/** The token of one search term (a word or a prefix, as search/search-words.ts makes them). */
export function mailSearchToken(keys: OrganizationKeys, term: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(mailIndexKeys(keys).search.tokens([term]));
}

/** What a message is found by: a token per word of `text` and per prefix of it, one after the other (MAIL_TOKEN_BYTES each). */
export function mailIndexTokens(keys: OrganizationKeys, text: string): Buffer {
  return mailIndexKeys(keys).search.tokens(indexTerms(text));
}

/** The tokens a search looks up: every one must be among a message's tokens. Empty when the query has no searchable word. */
export function mailQueryTokens(keys: OrganizationKeys, query: string): Uint8Array<ArrayBuffer>[] {
  return queryTerms(query).map((term) => mailSearchToken(keys, term));
}

/** MailMessage.messageIdHash of a Message-ID (with or without its angle brackets), hex. */
export function messageIdHash(keys: OrganizationKeys, messageId: string): string {
  const bare = messageId.trim().replace(/^<|>$/g, "").toLowerCase();
  return crypto.createHmac("sha256", mailIndexKeys(keys).messageId).update(bare, "utf8").digest("hex").slice(0, 32);
}
