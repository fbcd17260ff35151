import MailComposer from "nodemailer/lib/mail-composer";
import { headerBlock } from "./message-headers";

export type UndeliveredRecipient = { address: string; reply: string | null; expired: boolean };

export type BounceInput = {
  /** This server's mail name: the Reporting-MTA and the daemon's address. */
  hostname: string;
  /** The original sender, to whom the bounce goes. */
  sender: string;
  queuedAt: Date;
  failures: UndeliveredRecipient[];
  /** The message as it was queued; its header block goes back with the report. */
  original: Buffer;
};

// RFC 3463 status: the relay's own enhanced code when it gave one, else a
// generic permanent failure, or "delivery time expired" for a message that waited too long.
function statusOf(failure: UndeliveredRecipient): string {
  const given = failure.reply?.match(/^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/)?.[1];
  if (given?.startsWith("5")) return given;
  return failure.expired ? "4.4.7" : "5.0.0";
}

function reasonOf(failure: UndeliveredRecipient): string {
  const reply = failure.reply ?? "no reply";
  return failure.expired ? `gave up after trying for days; the last attempt said: ${reply}` : `the receiving server refused it: ${reply}`;
}

/**
 * A delivery status notification (RFC 3464 in shape: multipart/report with a
 * human part, a machine-readable delivery-status part and the original
 * headers), built by nodemailer's MailComposer so that nothing a remote
 * server replied can break a header.
 */
export async function buildBounceMessage(input: BounceInput): Promise<Buffer> {
  const lines = input.failures.map((f) => `<${f.address}>: ${reasonOf(f)}`);
  const text = [
    `This is the mail system at ${input.hostname}.`,
    "",
    `Your message could not be delivered to ${input.failures.length === 1 ? "this recipient" : "these recipients"}:`,
    "",
    ...lines,
    "",
    "The headers of your message are attached.",
  ].join("\n");
  const status = [
    `Reporting-MTA: dns; ${input.hostname}`,
    `Arrival-Date: ${input.queuedAt.toUTCString()}`,
    ...input.failures.flatMap((f) => [
      "",
      `Final-Recipient: rfc822; ${f.address}`,
      "Action: failed",
      `Status: ${statusOf(f)}`,
      ...(f.reply ? [`Diagnostic-Code: smtp; ${f.reply.replace(/[\r\n]+/g, " ")}`] : []),
    ]),
    "",
  ].join("\r\n");
  const headers = headerBlock(input.original);
  const composer = new MailComposer({
    from: { name: "Mail Delivery System", address: `MAILER-DAEMON@${input.hostname}` },
    to: input.sender,
    subject: "Undelivered Mail Returned to Sender",
    headers: { "Auto-Submitted": "auto-replied" },
    text,
    attachments: [
      { contentType: "message/delivery-status", content: status, contentDisposition: "inline", filename: false },
      {
        contentType: "text/rfc822-headers",
        content: Buffer.from(headers, "latin1"),
        contentDisposition: "inline",
        filename: false,
        // Readable as they were; headers with raw 8-bit bytes go encoded rather than break a 7-bit path.
        contentTransferEncoding: /[^\x00-\x7f]/.test(headers) ? "quoted-printable" : "7bit",
      },
    ],
  });
  const root = composer.compile();
  root.setHeader("Content-Type", "multipart/report; report-type=delivery-status");
  return root.build();
}
