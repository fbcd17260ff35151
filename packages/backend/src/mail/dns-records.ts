import { getMailConfig } from "../config";
import { dkimRecord } from "./dkim-keys";

export type DnsRecordKind = "MX" | "SPF" | "DKIM" | "DMARC";

/** One record an administrator publishes at their DNS host. */
export type DnsRecord = {
  kind: DnsRecordKind;
  type: "MX" | "TXT";
  /** Fully qualified name, without the trailing dot. */
  host: string;
  value: string;
  /** MX preference; lower is tried first. */
  priority?: number;
};

/**
 * The four records that make a domain receive mail here and make its mail
 * from here trusted elsewhere: MX to this install, SPF allowing it, the
 * domain's DKIM public key, and a DMARC policy that reports to postmaster@.
 */
export function mailDnsRecords(domain: { name: string; dkimSelector: string; dkimPublicKey: string }): DnsRecord[] {
  const { hostname } = getMailConfig();
  return [
    { kind: "MX", type: "MX", host: domain.name, value: hostname, priority: 10 },
    { kind: "SPF", type: "TXT", host: domain.name, value: "v=spf1 mx -all" },
    { kind: "DKIM", type: "TXT", host: `${domain.dkimSelector}._domainkey.${domain.name}`, value: dkimRecord(domain.dkimPublicKey) },
    { kind: "DMARC", type: "TXT", host: `_dmarc.${domain.name}`, value: `v=DMARC1; p=quarantine; rua=mailto:postmaster@${domain.name}` },
  ];
}
