// Organizations with mailboxes, and messages as a sender would write them, for mail tests.
import crypto from "node:crypto";
import { withTenantScope, type ScopedDb } from "@awan/db";
import { getDatabase } from "../../db";
import { getStorageEngine } from "../../storage";
import { addMember, newAccount } from "../../testing/fixtures";
import { openSummary, type MailSummary } from "../mail-summary";
import { ensurePersonalMailbox } from "../provisioning";

export function inOrganization<T>(organizationId: string, work: (tx: ScopedDb) => Promise<T>): Promise<T> {
  return withTenantScope(getDatabase(), { organizationId }, work);
}

export type MailUser = { organizationId: string; userId: string; mailboxId: string; address: string };

async function mailUserFor(organizationId: string, userId: string): Promise<MailUser> {
  return inOrganization(organizationId, async (tx) => {
    const mailboxId = await ensurePersonalMailbox(tx, organizationId, userId);
    const { address } = await tx.mailAddress.findFirstOrThrow({ where: { mailboxId, isPrimary: true }, select: { address: true } });
    return { organizationId, userId, mailboxId, address };
  });
}

/** A new organization whose owner has a mailbox. */
export async function newMailUser(label = "mail"): Promise<MailUser> {
  const { organizationId, userId } = await newAccount(label);
  return mailUserFor(organizationId, userId);
}

/** A colleague in `owner`'s organization, with a mailbox. */
export async function newColleague(owner: MailUser, label = "colleague"): Promise<MailUser> {
  const { userId } = await addMember(owner.organizationId, owner.userId, "MEMBER", label);
  return mailUserFor(owner.organizationId, userId);
}

/** An RFC 5322 message; Message-ID unique unless given. */
export function rfc822(opts: { from?: string; to: string; subject: string; body: string; messageId?: string; inReplyTo?: string; references?: string[] }): Buffer {
  const headers = [
    `From: ${opts.from ?? "Sender Person <sender@example.org>"}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${opts.messageId ?? `<${crypto.randomUUID()}@example.org>`}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`] : []),
    ...(opts.references ? [`References: ${opts.references.join(" ")}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
  ];
  return Buffer.from(`${headers.join("\r\n")}\r\n\r\n${opts.body.replace(/\r?\n/g, "\r\n")}\r\n`);
}

export type StoredView = { id: string; folderRole: string | null; threadId: string; blobId: string; size: number; summary: MailSummary; authResults: unknown };

/** The messages of a mailbox as the owner's organization reads them, summaries opened. */
export async function messagesIn(user: Pick<MailUser, "organizationId" | "mailboxId">): Promise<StoredView[]> {
  return inOrganization(user.organizationId, async (tx) => {
    const { dataKey } = await getStorageEngine().organizationKeys(tx, user.organizationId);
    const rows = await tx.mailMessage.findMany({
      where: { mailboxId: user.mailboxId },
      select: { id: true, threadId: true, blobId: true, size: true, summary: true, authResults: true, folder: { select: { role: true } } },
      orderBy: { seq: "asc" },
    });
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        folderRole: r.folder.role,
        threadId: r.threadId,
        blobId: r.blobId,
        size: r.size,
        authResults: r.authResults,
        summary: await openSummary(dataKey, user.organizationId, r.id, r.summary),
      })),
    );
  });
}
