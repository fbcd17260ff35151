import { describe, expect, it } from "vitest";
import { getMailConfig } from "../config";
import { checkDnsRecords, type DnsResolver } from "./dns-check";
import { mailDnsRecords } from "./dns-records";
import { normalizeDomainName, normalizeLocalPart } from "./mail-names";

// Public DNS cannot run here, so these checks get a resolver that answers from
// a zone held in memory, as a DNS server would: NXDOMAIN (ENOTFOUND) for names
// without records, ENODATA for a name without records of that type.

type Zone = Record<string, { mx?: string[]; txt?: string[][] }>;

function dnsError(code: string, host: string) {
  return Object.assign(new Error(`${code} ${host}`), { code, hostname: host });
}

function zoneResolver(zone: Zone): DnsResolver {
  const at = (host: string) => {
    const entry = zone[host];
    if (!entry) throw dnsError("ENOTFOUND", host);
    return entry;
  };
  return {
    resolveNs: async () => ["a.root-servers.net"],
    resolveMx: async (host) => {
      const mx = at(host).mx;
      if (!mx) throw dnsError("ENODATA", host);
      return mx.map((exchange, i) => ({ exchange, priority: 10 * (i + 1) }));
    },
    resolveTxt: async (host) => {
      const txt = at(host).txt;
      if (!txt) throw dnsError("ENODATA", host);
      return txt;
    },
  };
}

const domain = { name: "acme-mail.com", dkimSelector: "awan", dkimPublicKey: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAexample" };
const hostname = getMailConfig().hostname;

/** The zone an administrator who published every record as shown would have. Long TXT values come in 255-byte chunks. */
function publishedZone(): Zone {
  const records = mailDnsRecords(domain);
  const value = (kind: string) => records.find((r) => r.kind === kind)!.value;
  const dkim = value("DKIM");
  return {
    "acme-mail.com": { mx: [`${hostname}.`], txt: [[value("SPF")], ["google-site-verification=abc"]] },
    "awan._domainkey.acme-mail.com": { txt: [[dkim.slice(0, 40), dkim.slice(40)]] },
    "_dmarc.acme-mail.com": { txt: [[value("DMARC")]] },
  };
}

const statuses = (check: Awaited<ReturnType<typeof checkDnsRecords>>) => Object.fromEntries(check.records.map((r) => [r.kind, r.status]));

describe("DNS check of a mail domain", () => {
  it("lists the four records: MX to the mail hostname, SPF, DKIM with the domain's key, DMARC reporting to postmaster@", () => {
    const records = mailDnsRecords(domain);
    expect(records.map((r) => [r.kind, r.type, r.host])).toEqual([
      ["MX", "MX", "acme-mail.com"],
      ["SPF", "TXT", "acme-mail.com"],
      ["DKIM", "TXT", "awan._domainkey.acme-mail.com"],
      ["DMARC", "TXT", "_dmarc.acme-mail.com"],
    ]);
    expect(records[0]!.value).toBe(hostname);
    expect(records[1]!.value).toBe("v=spf1 mx -all");
    expect(records[2]!.value).toBe(`v=DKIM1; k=rsa; p=${domain.dkimPublicKey}`);
    expect(records[3]!.value).toBe("v=DMARC1; p=quarantine; rua=mailto:postmaster@acme-mail.com");
  });

  it("finds every record published as shown, chunked TXT and trailing dots included", async () => {
    const check = await checkDnsRecords(domain, { resolver: zoneResolver(publishedZone()) });
    expect(statuses(check)).toEqual({ MX: "FOUND", SPF: "FOUND", DKIM: "FOUND", DMARC: "FOUND" });
  });

  it("tells a different DKIM key, an MX pointing elsewhere and an SPF without this server from missing records", async () => {
    const zone = publishedZone();
    zone["awan._domainkey.acme-mail.com"] = { txt: [["v=DKIM1; k=rsa; p=MIIBold-key"]] };
    zone["acme-mail.com"] = { mx: ["mx.other-provider.net"], txt: [["v=spf1 include:_spf.other-provider.net -all"]] };
    delete zone["_dmarc.acme-mail.com"];
    const check = await checkDnsRecords(domain, { resolver: zoneResolver(zone) });
    expect(statuses(check)).toEqual({ MX: "MISMATCH", SPF: "MISMATCH", DKIM: "MISMATCH", DMARC: "MISSING" });
    expect(check.records.find((r) => r.kind === "DKIM")!.found).toEqual(["v=DKIM1; k=rsa; p=MIIBold-key"]);
    expect(check.records.find((r) => r.kind === "MX")!.found).toEqual(["mx.other-provider.net"]);
  });

  it("flags two SPF records, which receivers treat as an error", async () => {
    const zone = publishedZone();
    zone["acme-mail.com"]!.txt = [["v=spf1 mx -all"], ["v=spf1 a -all"]];
    const check = await checkDnsRecords(domain, { resolver: zoneResolver(zone) });
    expect(statuses(check).SPF).toBe("MISMATCH");
  });

  it("says it could not check, for every record, when the resolver fails, sees no public DNS, or never answers", async () => {
    const failing: DnsResolver = {
      resolveNs: async () => ["a.root-servers.net"],
      resolveMx: async (host) => { throw dnsError("ECONNREFUSED", host); },
      resolveTxt: async (host) => { throw dnsError("ESERVFAIL", host); },
    };
    expect(statuses(await checkDnsRecords(domain, { resolver: failing }))).toEqual({ MX: "UNCHECKED", SPF: "UNCHECKED", DKIM: "UNCHECKED", DMARC: "UNCHECKED" });

    // An offline server whose resolver answers "no such name" to everything, the root included.
    const blind: DnsResolver = { ...zoneResolver({}), resolveNs: async (host) => { throw dnsError("ENOTFOUND", host); } };
    const offline = await checkDnsRecords(domain, { resolver: blind });
    expect(statuses(offline)).toEqual({ MX: "UNCHECKED", SPF: "UNCHECKED", DKIM: "UNCHECKED", DMARC: "UNCHECKED" });
    expect(offline.records[0]!.note).toContain("could not reach public DNS");

    const silent: DnsResolver = { resolveNs: () => new Promise(() => {}), resolveMx: () => new Promise(() => {}), resolveTxt: () => new Promise(() => {}) };
    expect(statuses(await checkDnsRecords(domain, { resolver: silent, timeoutMs: 20 }))).toEqual({ MX: "UNCHECKED", SPF: "UNCHECKED", DKIM: "UNCHECKED", DMARC: "UNCHECKED" });
    const rootOnly: DnsResolver = { ...silent, resolveNs: async () => ["a.root-servers.net"] };
    expect(statuses(await checkDnsRecords(domain, { resolver: rootOnly, timeoutMs: 20 }))).toEqual({ MX: "UNCHECKED", SPF: "UNCHECKED", DKIM: "UNCHECKED", DMARC: "UNCHECKED" });
  });
});

describe("mail names", () => {
  it("stores domains lower-cased, in punycode, without a trailing dot", () => {
    expect(normalizeDomainName("  Example.COM. ")).toBe("example.com");
    expect(normalizeDomainName("Bücher.de")).toBe("xn--bcher-kva.de");
    expect(normalizeDomainName("mail.xn--bcher-kva.de")).toBe("mail.xn--bcher-kva.de");
  });

  it.each([
    "", "localhost", "com", "1.2.3.4", "[::1]", "user@example.com", "example.com:25", "https://example.com", "exa mple.com",
    "-bad.com", "bad-.com", "a..b.com", "under_score.com", "x".repeat(64) + ".com", "example.test", "corp.local", "mail.example",
    "evil.com\r\nRCPT TO:<x@y>", "<script>.com", "example.c0m",
  ])("refuses the domain %j", (name) => {
    expect(() => normalizeDomainName(name)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("keeps local parts to letters, digits, dots, hyphens and underscores", () => {
    expect(normalizeLocalPart(" Support.Team ")).toBe("support.team");
    for (const bad of ["", ".a", "a.", "a..b", "a+b", "a b", "\"a\"", "a@b", "a\r\nb", "ü", "x".repeat(65)]) {
      expect(() => normalizeLocalPart(bad), bad).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    }
  });
});
