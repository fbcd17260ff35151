import crypto from "node:crypto";
import { dkimSign } from "mailauth";
import { describe, expect, it } from "vitest";
import { authenticateMessage } from "./message-authentication";
import { fakeDns } from "./testing/smtp-peers";
import { rfc822 } from "./testing/mail-fixture";

const origin = { ip: "192.0.2.10", helo: "mx.sender.example", sender: "news@sender.example" };

describe("message authentication", () => {
  it("passes DKIM, SPF and DMARC for a signed message from an allowed address", async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const raw = rfc822({ from: "News <news@sender.example>", to: "ana@acme.awan.localhost", subject: "Signed", body: "Signed body" });
    const key = { signingDomain: "sender.example", selector: "s1", privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
    const signed = await dkimSign(raw, { ...key, signatureData: [key] });
    expect(signed.errors).toEqual([]);
    const dns = fakeDns({
      "s1._domainkey.sender.example": `v=DKIM1; k=rsa; p=${publicKey.export({ type: "spki", format: "der" }).toString("base64")}`,
      "sender.example": "v=spf1 ip4:192.0.2.0/24 -all",
      "_dmarc.sender.example": "v=DMARC1; p=reject",
    });
    const { results, failsDmarcReject } = await authenticateMessage(Buffer.concat([Buffer.from(signed.signatures), raw]), origin, { mta: "mail.awan.localhost", resolver: dns });
    expect(results.dkim).toEqual([{ result: "pass", domain: "sender.example" }]);
    expect(results.spf.result).toBe("pass");
    expect(results.dmarc).toMatchObject({ result: "pass", policy: "reject" });
    expect(results.headers).toMatch(/^Received-SPF: pass/m);
    expect(results.headers).toMatch(/Authentication-Results: mail\.awan\.localhost;/);
    expect(failsDmarcReject).toBe(false);
  });

  it("marks a message failing DMARC under p=reject, and not one under p=none", async () => {
    const raw = rfc822({ from: "news@sender.example", to: "ana@acme.awan.localhost", subject: "Forged", body: "x" });
    const strict = fakeDns({ "sender.example": "v=spf1 -all", "_dmarc.sender.example": "v=DMARC1; p=reject" });
    expect((await authenticateMessage(raw, origin, { mta: "mx", resolver: strict })).failsDmarcReject).toBe(true);
    const lenient = fakeDns({ "sender.example": "v=spf1 -all", "_dmarc.sender.example": "v=DMARC1; p=none" });
    const verdict = await authenticateMessage(raw, origin, { mta: "mx", resolver: lenient });
    expect(verdict.results.dmarc).toMatchObject({ result: "fail", policy: "none" });
    expect(verdict.failsDmarcReject).toBe(false);
  });

  it("gives temperror verdicts instead of waiting on a DNS that never answers", async () => {
    const silent = () => new Promise<string[][]>(() => {});
    const raw = rfc822({ from: "news@sender.example", to: "ana@acme.awan.localhost", subject: "Offline", body: "x" });
    const verdict = await authenticateMessage(raw, origin, { mta: "mx", resolver: silent, timeoutMs: 300 });
    expect(verdict).toMatchObject({ results: { spf: { result: "temperror" }, dmarc: { result: "temperror" } }, failsDmarcReject: false });
  });
});
