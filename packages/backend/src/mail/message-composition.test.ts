import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { composeMessage, messageFromCompose } from "./message-composition";

const form = { to: ["bob@example.com"], cc: ["carol@example.com"], bcc: ["dave@example.com"], subject: "Plan", text: "plain words", html: "<p>rich words</p>" };
const from = { mailboxId: "not-a-header", name: "Ann Example", address: "ann@awan.example" };

describe("messageFromCompose", () => {
  it("builds what a compose form says, threaded under the answered message, with a Message-ID on the sender's domain", async () => {
    const threading = { inReplyTo: "<original@else.example>", references: ["<first@else.example>", "<original@else.example>"] };
    const message = messageFromCompose(form, from, { threading, attachments: [{ filename: "a.txt", contentType: "text/plain", content: Buffer.from("file") }] });
    expect(message.from).toEqual({ name: "Ann Example", address: "ann@awan.example" });
    expect(message.messageId).toMatch(/^<[0-9a-f-]{36}@awan\.example>$/);

    const parsed = await simpleParser(await composeMessage(message, { keepBcc: true }));
    expect(parsed.from?.value).toEqual([{ name: "Ann Example", address: "ann@awan.example" }]);
    expect([parsed.subject, parsed.text?.trim(), parsed.html]).toEqual(["Plan", "plain words", "<p>rich words</p>"]);
    expect(parsed.inReplyTo).toBe("<original@else.example>");
    expect(parsed.references).toEqual(["<first@else.example>", "<original@else.example>"]);
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([["a.txt", "file"]]);
    expect(parsed.bcc).toMatchObject({ value: [{ address: "dave@example.com" }] });
    // What recipients receive carries no Bcc, and the same date as the sender's copy.
    const delivered = await simpleParser(await composeMessage(message, { keepBcc: false }));
    expect(delivered.bcc).toBeUndefined();
    expect(delivered.date).toEqual(parsed.date);
  });

  it("starts a new conversation and sends plain text alone when the form has no answer and no rich text", async () => {
    const message = messageFromCompose({ ...form, html: null }, from, { threading: null, attachments: [] });
    const parsed = await simpleParser(await composeMessage(message, { keepBcc: false }));
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBeUndefined();
    expect(parsed.html).toBe(false);
    expect(parsed.text?.trim()).toBe("plain words");
  });
});
