import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "@awan/db/launcher";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { readRawMessage } from "./mail-store";
import { messagesIn, newMailUser } from "./testing/mail-fixture";

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), "testing/smtp-server-process.ts");
const BATCH = 20;
const KILL_AFTER_ACCEPTED = 10;

/** Starts the SMTP server process; resolves with it and its port once it listens. */
function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER], { cwd: REPO_ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /listening (\d+)\n/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once("exit", (code) => reject(new Error(`The SMTP server process exited (code ${code}) before listening:\n${err}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

describe("inbound SMTP crash safety", () => {
  it("keeps every message it answered 250 for when SIGKILLed in the middle of a batch", { timeout: 120_000 }, async () => {
    const user = await newMailUser("smtpcrash");
    const first = await startServer();
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: first.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 });
    const accepted: number[] = [];
    const sends = Array.from({ length: BATCH }, (_, n) =>
      transport
        .sendMail({ from: "sender@example.org", to: user.address, subject: `Batch message ${n}`, text: `Body of batch message ${n}.`, messageId: `<crash-${n}-${user.mailboxId}@example.org>` })
        .then((info) => {
          expect(info.response).toMatch(/^250 /);
          accepted.push(n);
          // Killed the moment the 10th 250 arrives: the other connections are mid-message.
          if (accepted.length === KILL_AFTER_ACCEPTED) first.child.kill("SIGKILL");
        }),
    );
    await Promise.allSettled(sends);
    transport.close();
    await exited(first.child);
    expect(first.child.signalCode).toBe("SIGKILL");
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);

    // After a restart the server takes mail again, and every message it acknowledged is there, readable, once.
    const second = await startServer();
    try {
      const again = nodemailer.createTransport({ host: "127.0.0.1", port: second.port, secure: false, ignoreTLS: true });
      const info = await again.sendMail({ from: "sender@example.org", to: user.address, subject: "After the restart", text: "Still here." });
      expect(info.response).toMatch(/^250 /);
      again.close();
    } finally {
      second.child.kill("SIGTERM");
      await exited(second.child);
    }
    const stored = await messagesIn(user);
    const subjects = stored.map((m) => m.summary.subject);
    expect(subjects).toContain("After the restart");
    for (const n of accepted) {
      const copies = stored.filter((m) => m.summary.subject === `Batch message ${n}`);
      expect(copies, `message ${n}`).toHaveLength(1);
      expect((await readRawMessage(user.organizationId, copies[0]!.blobId)).toString()).toContain(`Body of batch message ${n}.`);
    }
    expect(stored.length).toBeLessThanOrEqual(BATCH + 1);
  });
});
