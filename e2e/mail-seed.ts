// Stores HTML mail in a person's mailbox through the backend's mail store,
// for the browser tests: run by e2e/mail-fixtures.ts with tsx (as the backend
// runs everywhere else), with the console's database and storage nodes.
//   stdin:  {"email": "...", "mails": [{"subject", "html", "text"?, "attachments"?: [{"filename", "contentType", "base64", "cid"?}]}]}
//   stdout: {"organizationId": "...", "messageIds": ["...", ...]}
import { withTenantScope } from "@awan/db";
import { getDatabase } from "../packages/backend/src/db";
import { ensurePersonalMailbox } from "../packages/backend/src/mail/provisioning";
import { storeComposedMail } from "../packages/backend/src/mail/testing/html-mail";

type SeedPart = { filename: string; contentType: string; base64: string; cid?: string };
type SeedRequest = { email: string; mails: { subject: string; html: string; text?: string; attachments?: SeedPart[] }[] };

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SeedRequest;
  const db = getDatabase();
  const user = await db.user.findUniqueOrThrow({ where: { email: request.email }, select: { id: true } });
  // A person reads their own memberships (row-level security's member_reads_own).
  const { organizationId } = await withTenantScope(db, { userId: user.id }, (tx) =>
    tx.membership.findFirstOrThrow({ where: { userId: user.id }, select: { organizationId: true }, orderBy: { createdAt: "asc" } }),
  );
  const target = await withTenantScope(db, { organizationId, userId: user.id }, async (tx) => {
    const mailboxId = await ensurePersonalMailbox(tx, organizationId, user.id);
    const { address } = await tx.mailAddress.findFirstOrThrow({ where: { mailboxId, isPrimary: true }, select: { address: true } });
    return { organizationId, mailboxId, address };
  });
  const messageIds: string[] = [];
  for (const mail of request.mails) {
    const attachments = (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, "base64"), ...(a.cid && { cid: a.cid }) }));
    messageIds.push(await storeComposedMail(target, { to: target.address, subject: mail.subject, html: mail.html, text: mail.text ?? mail.subject, attachments }));
  }
  process.stdout.write(JSON.stringify({ organizationId, messageIds }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
