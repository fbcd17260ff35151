import { domainToASCII } from "node:url";
import { DomainError } from "../errors";

// What an administrator may type as a mail domain or the local part of an
// address. Both end up in DNS names, SMTP envelopes and headers, so anything
// outside the plain forms is refused here rather than escaped later.

/** Top-level names reserved for tests, examples and local networks (RFC 2606, 6761, 6762, 7686): nobody can publish DNS for them. */
const RESERVED_TLDS = new Set(["localhost", "local", "invalid", "test", "example", "onion", "internal", "arpa", "lan", "home", "corp"]);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A domain name as typed (any case, international characters allowed) in its
 * stored form: lower case, punycode, no trailing dot. Refuses what cannot be
 * a public mail domain: IP addresses, single labels, reserved names, bad labels.
 */
export function normalizeDomainName(typed: string): string {
  const trimmed = typed.trim().replace(/\.$/, "");
  const refuse = (why: string) => new DomainError("INVALID_INPUT", `“${typed.trim().slice(0, 80)}” is not a domain you can receive mail for: ${why}`);
  if (trimmed === "") throw new DomainError("INVALID_INPUT", "Enter a domain name, such as example.com.");
  if (/[\s@/\\:[\]]/.test(trimmed) || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw refuse("enter the domain alone, such as example.com (no spaces, @, slashes or ports).");
  }
  const ascii = domainToASCII(trimmed).toLowerCase();
  if (ascii === "") throw refuse("it is not a valid domain name.");
  if (ascii.length > 253) throw refuse("a domain name has at most 253 characters.");
  const labels = ascii.split(".");
  if (labels.length < 2) throw refuse("it needs a dot, such as example.com.");
  if (!labels.every((label) => LABEL.test(label))) {
    throw refuse("each part between dots has 1 to 63 letters, digits or hyphens, and neither starts nor ends with a hyphen.");
  }
  const tld = labels[labels.length - 1]!;
  if (!TLD.test(tld)) throw refuse("its last part is not a top-level domain (an IP address cannot receive mail here).");
  if (RESERVED_TLDS.has(tld)) throw refuse(`.${tld} is reserved, so nobody can publish DNS records for it.`);
  return ascii;
}

/** True when `domain` is `suffix` or a name under it. */
export function isWithinDomain(domain: string, suffix: string): boolean {
  return domain === suffix || domain.endsWith(`.${suffix}`);
}

/**
 * The local part of an address (before the @), lower-cased: the dot-atom of
 * RFC 5321 restricted to letters, digits, `.`, `_` and `-` (no quoting, no
 * `+`, which delivery reads as a tag), no leading, trailing or double dot.
 */
export function normalizeLocalPart(typed: string): string {
  const local = typed.trim().toLowerCase();
  if (local === "") throw new DomainError("INVALID_INPUT", "Enter the part of the address before the @, such as support.");
  if (local.length > 64) throw new DomainError("INVALID_INPUT", "The part before the @ has at most 64 characters.");
  if (!/^[a-z0-9._-]+$/.test(local)) {
    throw new DomainError("INVALID_INPUT", "Use only letters, digits, dots, hyphens and underscores before the @.");
  }
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    throw new DomainError("INVALID_INPUT", "The part before the @ cannot start or end with a dot, or have two dots in a row.");
  }
  return local;
}
