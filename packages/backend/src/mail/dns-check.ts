import { Resolver } from "node:dns/promises";
import type { ScopedDb } from "@awan/db";
import { getMailConfig } from "../config";
import { DomainError } from "../errors";
import { mailDnsRecords, type DnsRecord, type DnsRecordKind } from "./dns-records";

/** The lookups a DNS check makes; node:dns/promises' Resolver is one, tests hand in their own (public DNS cannot run here). */
export type DnsResolver = {
  resolveMx(host: string): Promise<{ exchange: string; priority: number }[]>;
  resolveTxt(host: string): Promise<string[][]>;
  resolveNs(host: string): Promise<string[]>;
};

/** FOUND: published as shown. MISMATCH: something else is published. MISSING: nothing. UNCHECKED: DNS did not answer. */
export type DnsRecordStatus = "FOUND" | "MISMATCH" | "MISSING" | "UNCHECKED";
export type DnsRecordCheck = { kind: DnsRecordKind; status: DnsRecordStatus; found: string[]; note: string };
export type DnsCheck = { records: DnsRecordCheck[] };

export type DnsCheckOptions = { resolver?: DnsResolver; timeoutMs?: number };

const DEFAULT_TIMEOUT_MS = 4000;
/** Answers that mean "nothing is published there", as opposed to "DNS did not answer". */
const NO_RECORD = new Set(["ENOTFOUND", "ENODATA"]);

/** One try, short timeout: an admin waits on the answer, and an offline server must say so quickly. */
function defaultResolver(): DnsResolver {
  return new Resolver({ timeout: 2000, tries: 1 });
}

class LookupTimeout extends Error {
  readonly code = "ETIMEOUT";
}

/** A lookup that gives up after `ms` whatever the resolver does, so a check never hangs. */
async function withTimeout<T>(lookup: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LookupTimeout(`No answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Lookup<T> = { ok: true; value: T } | { ok: false; missing: boolean; code: string };

async function lookup<T>(run: () => Promise<T>, ms: number): Promise<Lookup<T>> {
  try {
    return { ok: true, value: await withTimeout(run(), ms) };
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : "EUNKNOWN";
    return { ok: false, missing: NO_RECORD.has(code), code };
  }
}

const bare = (name: string) => name.toLowerCase().replace(/\.$/, "");
const unchecked = (kind: DnsRecordKind, note: string): DnsRecordCheck => ({ kind, status: "UNCHECKED", found: [], note });

function failed(kind: DnsRecordKind, result: { missing: boolean; code: string }, where: string): DnsRecordCheck {
  return result.missing
    ? { kind, status: "MISSING", found: [], note: `Nothing is published at ${where}.` }
    : unchecked(kind, `DNS did not answer for ${where} (${result.code}).`);
}

function checkMx(record: DnsRecord, answer: Lookup<{ exchange: string }[]>): DnsRecordCheck {
  if (!answer.ok) return failed("MX", answer, record.host);
  const found = answer.value.map((mx) => bare(mx.exchange));
  if (found.length === 0) return { kind: "MX", status: "MISSING", found, note: `No MX record at ${record.host}.` };
  if (found.includes(bare(record.value))) return { kind: "MX", status: "FOUND", found, note: `Mail for ${record.host} comes to ${record.value}.` };
  return { kind: "MX", status: "MISMATCH", found, note: `The MX record points elsewhere; mail for ${record.host} does not reach this server.` };
}

function checkSpf(record: DnsRecord, answer: Lookup<string[][]>, hostname: string): DnsRecordCheck {
  if (!answer.ok) return failed("SPF", answer, record.host);
  const found = answer.value.map((chunks) => chunks.join("")).filter((txt) => /^v=spf1(\s|$)/i.test(txt));
  if (found.length === 0) return { kind: "SPF", status: "MISSING", found, note: `No SPF record (v=spf1) at ${record.host}.` };
  if (found.length > 1) return { kind: "SPF", status: "MISMATCH", found, note: "There is more than one SPF record; receivers treat that as an error. Keep one." };
  const allowing = new Set(["mx", "+mx", `a:${hostname}`, `+a:${hostname}`, `include:${hostname}`, `+include:${hostname}`]);
  const terms = found[0]!.toLowerCase().split(/\s+/);
  if (terms.some((term) => allowing.has(term))) return { kind: "SPF", status: "FOUND", found, note: "The SPF record allows this server to send." };
  return { kind: "SPF", status: "MISMATCH", found, note: "The SPF record does not allow this server: add mx to it." };
}

/** The tags of a DKIM or DMARC record: `k=v; k=v`. */
function tags(txt: string): Map<string, string> {
  return new Map(
    txt.split(";").flatMap((part) => {
      const at = part.indexOf("=");
      return at < 0 ? [] : [[part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const];
    }),
  );
}

function checkDkim(record: DnsRecord, answer: Lookup<string[][]>, publicKey: string): DnsRecordCheck {
  if (!answer.ok) return failed("DKIM", answer, record.host);
  const found = answer.value.map((chunks) => chunks.join("")).filter((txt) => tags(txt).has("p"));
  if (found.length === 0) return { kind: "DKIM", status: "MISSING", found, note: `No DKIM key at ${record.host}.` };
  if (found.some((txt) => tags(txt).get("p")?.replace(/\s+/g, "") === publicKey)) {
    return { kind: "DKIM", status: "FOUND", found, note: "The published key matches this domain's signing key." };
  }
  return { kind: "DKIM", status: "MISMATCH", found, note: "A different key is published: mail signed here would fail DKIM. Publish the value shown." };
}

function checkDmarc(record: DnsRecord, answer: Lookup<string[][]>): DnsRecordCheck {
  if (!answer.ok) return failed("DMARC", answer, record.host);
  const found = answer.value.map((chunks) => chunks.join("")).filter((txt) => /^v=DMARC1(\s*;|\s*$)/i.test(txt));
  if (found.length === 0) return { kind: "DMARC", status: "MISSING", found, note: `No DMARC record (v=DMARC1) at ${record.host}.` };
  if (found.length > 1) return { kind: "DMARC", status: "MISMATCH", found, note: "There is more than one DMARC record; receivers ignore them all. Keep one." };
  const policy = tags(found[0]!).get("p")?.toLowerCase();
  if (policy === "none" || policy === "quarantine" || policy === "reject") {
    return { kind: "DMARC", status: "FOUND", found, note: `A DMARC policy is published (p=${policy}).` };
  }
  return { kind: "DMARC", status: "MISMATCH", found, note: "The DMARC record has no valid policy (p=none, quarantine or reject)." };
}

/** Looks up each record of a domain; every failure becomes that record's status, never an exception or a hang. */
export async function checkDnsRecords(
  domain: { name: string; dkimSelector: string; dkimPublicKey: string },
  { resolver = defaultResolver(), timeoutMs = DEFAULT_TIMEOUT_MS }: DnsCheckOptions = {},
): Promise<DnsCheck> {
  const records = mailDnsRecords(domain);
  const byKind = (kind: DnsRecordKind) => records.find((r) => r.kind === kind)!;
  // A resolver that cannot find the root's name servers sees no public DNS (an
  // offline server, or one whose resolver answers "no such name" to all): its
  // "nothing there" would be a false alarm, so nothing is judged.
  const root = await lookup(() => resolver.resolveNs(""), timeoutMs);
  if (!root.ok || root.value.length === 0) {
    const why = root.ok ? "no answer" : root.code;
    return { records: records.map((r) => unchecked(r.kind, `This server could not reach public DNS (${why}), so the record could not be checked.`)) };
  }
  const [mx, spf, dkim, dmarc] = await Promise.all([
    lookup(() => resolver.resolveMx(domain.name), timeoutMs),
    lookup(() => resolver.resolveTxt(domain.name), timeoutMs),
    lookup(() => resolver.resolveTxt(byKind("DKIM").host), timeoutMs),
    lookup(() => resolver.resolveTxt(byKind("DMARC").host), timeoutMs),
  ]);
  return {
    records: [
      checkMx(byKind("MX"), mx),
      checkSpf(byKind("SPF"), spf, bare(getMailConfig().hostname)),
      checkDkim(byKind("DKIM"), dkim, domain.dkimPublicKey),
      checkDmarc(byKind("DMARC"), dmarc),
    ],
  };
}

/** Checks one of the organization's domains and keeps the result on it (dnsCheck, dnsCheckedAt). */
export async function checkMailDomainDns(tx: ScopedDb, organizationId: string, domainId: string, options: DnsCheckOptions = {}) {
  const domain = await tx.mailDomain.findFirst({
    where: { id: domainId, organizationId },
    select: { id: true, name: true, dkimSelector: true, dkimPublicKey: true },
  });
  if (!domain) throw new DomainError("NOT_FOUND", "This mail domain does not exist in your organization.");
  const check = await checkDnsRecords(domain, options);
  const checkedAt = new Date();
  await tx.mailDomain.update({ where: { id: domain.id }, data: { dnsCheck: check, dnsCheckedAt: checkedAt }, select: { id: true } });
  return { domainId: domain.id, checkedAt, ...check };
}
