import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInboundSmtp, type InboundSmtp } from "./inbound-smtp";
import { readRawMessage } from "./mail-store";
import { messagesIn, newMailUser } from "./testing/mail-fixture";
import { fakeDns } from "./testing/smtp-peers";

let smtp: InboundSmtp;
let dir: string;

beforeAll(async () => {
  // A self-signed certificate, as SMTP_TLS_CERT/SMTP_TLS_KEY would name.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "awan-smtp-tls-"));
  const [cert, key] = [path.join(dir, "cert.pem"), path.join(dir, "key.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=mail.awan.localhost"], { stdio: "ignore" });
  process.env.SMTP_TLS_CERT = cert;
  process.env.SMTP_TLS_KEY = key;
  try {
    smtp = (await startInboundSmtp({ port: 0, host: "127.0.0.1", resolver: fakeDns() }))!;
  } finally {
    delete process.env.SMTP_TLS_CERT;
    delete process.env.SMTP_TLS_KEY;
  }
});
afterAll(async () => {
  await smtp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("inbound SMTP with a certificate", () => {
  it("offers STARTTLS and receives over it", async () => {
    const user = await newMailUser("smtptls");
    // requireTLS: the client refuses to send unless STARTTLS is offered and succeeds.
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    const info = await transport.sendMail({ from: "sender@example.org", to: user.address, subject: "Over TLS", text: "Encrypted on the wire." });
    transport.close();
    expect(info.response).toMatch(/^250 /);
    const [message] = await messagesIn(user);
    expect(message!.summary.subject).toBe("Over TLS");
    expect((await readRawMessage(user.organizationId, message!.blobId)).toString()).toMatch(/with ESMTPS id/);
  });
});
