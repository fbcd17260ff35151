// People with mailboxes signed in as the console would be, and mail seeded into their folders, for the webmail tests.
import type { MailFolderRole } from "@awan/db";
import { addMember, callerFor } from "../../testing/fixtures";
import { storeMailMessage } from "../mail-store";
import { inOrganization, newMailUser, rfc822, type MailUser } from "./mail-fixture";
import { ensurePersonalMailbox } from "../provisioning";

export type MailPerson = MailUser & Awaited<ReturnType<typeof callerFor>>;

async function signedIn(user: MailUser): Promise<MailPerson> {
  return { ...user, ...(await callerFor(user.userId)) };
}

/** An organization's owner, signed in, with a mailbox. */
export async function newMailPerson(label = "webmail"): Promise<MailPerson> {
  return signedIn(await newMailUser(label));
}

/** Someone else in `owner`'s organization, signed in, with a mailbox. */
export async function newMailColleague(owner: MailUser, role: "MEMBER" | "GUEST" = "MEMBER", label = "colleague"): Promise<MailPerson> {
  const { userId } = await addMember(owner.organizationId, owner.userId, role, label);
  return signedIn(
    await inOrganization(owner.organizationId, async (tx) => {
      const mailboxId = await ensurePersonalMailbox(tx, owner.organizationId, userId);
      const { address } = await tx.mailAddress.findFirstOrThrow({ where: { mailboxId, isPrimary: true }, select: { address: true } });
      return { organizationId: owner.organizationId, userId, mailboxId, address };
    }),
  );
}

const SEED_BATCH = 40;

export type SeedMessage = { subject: string; body?: string; from?: string; isRead?: boolean; messageId?: string; inReplyTo?: string };

/** Stores messages in one of `user`'s folders, in order (the last is the newest); answers their ids. */
export async function seedMail(user: MailUser, folder: MailFolderRole, messages: SeedMessage[]): Promise<string[]> {
  const ids: string[] = [];
  // A transaction per batch: each message's bytes are written durably, which takes a while.
  for (let start = 0; start < messages.length; start += SEED_BATCH) {
    await inOrganization(user.organizationId, async (tx) => {
      for (const m of messages.slice(start, start + SEED_BATCH)) {
        const raw = rfc822({ to: user.address, subject: m.subject, body: m.body ?? `Body of ${m.subject}`, from: m.from, messageId: m.messageId, inReplyTo: m.inReplyTo });
        const stored = await storeMailMessage(tx, { organizationId: user.organizationId, mailboxId: user.mailboxId, folder, raw, isRead: m.isRead ?? false });
        ids.push(stored.id);
      }
    });
  }
  return ids;
}

/** The folder with `role` of a person's own mailbox, as mail.folders lists it. */
export async function folderOf(person: MailPerson, role: MailFolderRole) {
  const mailbox = (await person.caller.mail.folders()).find((m) => m.id === person.mailboxId);
  const folder = mailbox?.folders.find((f) => f.role === role);
  if (!folder) throw new Error(`no ${role} folder`);
  return folder;
}
