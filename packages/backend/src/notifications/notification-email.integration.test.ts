// E-mail copies of notifications: into the Awan mailbox of an account address
// hosted here, through the outbound queue and a smarthost for one outside,
// only for the kinds a person chose, and never at the cost of the action.
import { withTenantScope } from "@awan/db";
import { dkimVerify } from "mailauth";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getConfig } from "../config";
import { getDatabase } from "../db";
import { useOwnerDatabase } from "../files/testing/files-fixture";
import { deliverBounceToSender } from "../mail/bounce-delivery";
import { dkimRecord } from "../mail/dkim-keys";
import { readRawMessage } from "../mail/mail-store";
import { runOutboundQueue } from "../mail/outbound-worker";
import { messagesIn, newColleague, newMailUser, type MailUser } from "../mail/testing/mail-fixture";
import { startSmarthost } from "../mail/testing/smarthost";
import { callerFor } from "../testing/fixtures";
import { sendOwedNotificationEmails, startNotificationMailer, type NotificationMailer } from "./notification-mailer";
import { notify } from "./notify";

const db = getDatabase();
const owner = useOwnerDatabase();

type Person = MailUser & { caller: Awaited<ReturnType<typeof callerFor>>["caller"]; email: string };

/**
 * A member signed in as the console would be. `hosted`: their account
 * address is their own Awan mailbox's (as for a company that signs in with
 * the addresses it hosts here); otherwise it stays on example.test, outside.
 */
async function person(user: MailUser, hosted: boolean): Promise<Person> {
  const email = hosted
    ? user.address
    : (await owner.user.findUniqueOrThrow({ where: { id: user.userId }, select: { email: true } })).email;
  if (hosted) await owner.user.update({ where: { id: user.userId }, data: { email } });
  return { ...user, email, caller: (await callerFor(user.userId)).caller };
}

async function team(label: string) {
  const boss = await newMailUser(label);
  return { boss: await person(boss, false), colleague: (hosted: boolean) => newColleague(boss, label).then((u) => person(u, hosted)) };
}

async function generalOf(who: Person): Promise<string> {
  const general = (await who.caller.chat.channels()).find((c) => c.isGeneral);
  if (!general) throw new Error("no #general");
  return general.id;
}

const owedIn = (organizationId: string) => owner.notification.count({ where: { organizationId, emailPending: true } });

describe("notification e-mails", () => {
  let mailer: NotificationMailer | undefined;
  afterAll(() => mailer?.stop());

  it("go into the Awan mailbox of a person who chose mentions when they are mentioned in chat, not to one who did not", async () => {
    const { boss: ann, colleague } = await team("notifymail");
    const [bob, carol] = [await colleague(true), await colleague(true)];
    await bob.caller.notifications.setPreferences({ emailKinds: ["MENTION"] });
    await carol.caller.notifications.setPreferences({ emailKinds: ["DIRECT_MESSAGE", "SHARE"] });
    mailer = await startNotificationMailer(db, { organizationIds: [ann.organizationId] });

    const general = await generalOf(ann);
    const posted = await ann.caller.chat.post({ channelId: general, body: `<@${bob.userId}> <@${carol.userId}> the launch code is tangerine-42` });
    // The mailer hears of it when the post's transaction commits.
    await vi.waitFor(async () => expect(await messagesIn(bob)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    await mailer.idle();

    const [notification] = (await bob.caller.notifications.list({})).notifications;
    expect(notification).toMatchObject({ kind: "MENTION", link: `/chat?channel=${general}&message=${posted.id}` });
    const [copy] = await messagesIn(bob);
    const domain = bob.address.split("@")[1]!;
    expect(copy!.folderRole).toBe("INBOX");
    expect(copy!.summary.subject).toBe(notification!.title);
    expect(copy!.summary.from?.address).toBe(`notifications@${domain}`);
    expect(copy!.summary.to.map((t) => t.address)).toEqual([bob.address]);

    const raw = await readRawMessage(bob.organizationId, copy!.blobId);
    const parsed = await simpleParser(raw);
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    const link = new URL(`/chat?channel=${general}&message=${posted.id}`, getConfig().publicUrl).href;
    expect(parsed.text).toContain(link);
    expect(parsed.text).toContain(notification!.title);
    // The title only: what was written stays in chat.
    expect(raw.toString("latin1")).not.toContain("tangerine");

    // The sender is a shared mailbox of the organization, where bounces can be read.
    const sender = await owner.mailAddress.findUniqueOrThrow({ where: { address: `notifications@${domain}` }, select: { organizationId: true, mailbox: { select: { kind: true } } } });
    expect(sender).toEqual({ organizationId: ann.organizationId, mailbox: { kind: "SHARED" } });

    // Carol was told in the bell, and by e-mail of nothing: mentions are not among her kinds.
    expect(await carol.caller.notifications.unreadCount()).toBe(1);
    expect(await messagesIn(carol)).toEqual([]);
    expect(await owedIn(ann.organizationId)).toBe(0);

    // A direct message is her kind; a second copy to Bob reuses the same sender.
    const { id: conversation } = await ann.caller.chat.openDirect({ userIds: [carol.userId] });
    await ann.caller.chat.post({ channelId: conversation, body: "psst" });
    await vi.waitFor(async () => expect(await messagesIn(carol)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    await mailer.idle();
    expect((await messagesIn(carol))[0]!.summary.subject).toBe((await carol.caller.notifications.list({})).notifications[0]!.title);
    expect(await messagesIn(bob)).toHaveLength(1);
    expect(await owner.mailbox.count({ where: { organizationId: ann.organizationId, kind: "SHARED" } })).toBe(1);
  });

  it("are queued for an outside account address, relayed to the smarthost DKIM-signed, and count against nobody's send limit", async () => {
    const { boss: ann, colleague } = await team("notifyout");
    const dave = await colleague(false);
    expect(dave.email).toMatch(/@example\.test$/);
    await dave.caller.notifications.setPreferences({ emailKinds: ["MENTION"] });
    // Ann may send one message an hour to other domains; the copies are the organization's, not hers.
    await owner.mailSettings.upsert({ where: { organizationId: ann.organizationId }, create: { organizationId: ann.organizationId, sendLimitPerHour: 1 }, update: { sendLimitPerHour: 1 } });
    const general = await generalOf(ann);
    for (const n of [1, 2]) await ann.caller.chat.post({ channelId: general, body: `<@${dave.userId}> round ${n}` });

    expect(await sendOwedNotificationEmails(db, ann.organizationId)).toEqual({ delivered: 0, queued: 2, failed: 0, retrying: 0 });
    const queued = await owner.outboundMail.findMany({ where: { organizationId: ann.organizationId }, select: { senderId: true, state: true } });
    expect(queued).toEqual([
      { senderId: null, state: "QUEUED" },
      { senderId: null, state: "QUEUED" },
    ]);

    const smarthost = await startSmarthost();
    try {
      const report = await runOutboundQueue(db, {
        relayUrl: smarthost.url,
        hostname: "mail.notify-test.localhost",
        deliverBounce: (bounce) => deliverBounceToSender(db, bounce),
        organizationIds: [ann.organizationId],
      });
      expect(report).toMatchObject({ attempted: 2, sent: 2, failed: 0 });
      const domain = (await owner.mailDomain.findFirstOrThrow({ where: { organizationId: ann.organizationId, isDefault: true }, select: { name: true, dkimPublicKey: true } }));
      expect(smarthost.received.map((m) => [m.from, m.recipients])).toEqual([
        [`notifications@${domain.name}`, [dave.email]],
        [`notifications@${domain.name}`, [dave.email]],
      ]);
      const [mail] = smarthost.received;
      const parsed = await simpleParser(mail!.raw);
      expect(parsed.subject).toBe((await dave.caller.notifications.list({})).notifications[0]!.title);
      expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
      // DNS as the world answers once the domain's key is published (public DNS cannot be reached here).
      const resolver = async (name: string, rrtype: string) => {
        if (rrtype === "TXT" && name === `awan._domainkey.${domain.name}`) return [[dkimRecord(domain.dkimPublicKey)]];
        throw Object.assign(new Error(`${name} ${rrtype}: no such record`), { code: "ENOTFOUND" });
      };
      const verified = await dkimVerify(mail!.raw, { resolver });
      expect(verified.results[0]).toMatchObject({ signingDomain: domain.name, status: { result: "pass" } });
    } finally {
      await smarthost.close();
    }
    // Ann's own allowance is untouched.
    expect(await owner.outboundMail.count({ where: { organizationId: ann.organizationId, senderId: ann.userId } })).toBe(0);
  });

  it("never fail the action that notified: the post goes through and the bell has it when the copy cannot be sent", async () => {
    const { boss: ann, colleague } = await team("notifyfail");
    const [erin, frank] = [await colleague(true), await colleague(false)];
    for (const p of [erin, frank]) await p.caller.notifications.setPreferences({ emailKinds: ["MENTION"] });
    // No message fits: local delivery refuses it, the outbound queue throws.
    await owner.mailSettings.upsert({ where: { organizationId: ann.organizationId }, create: { organizationId: ann.organizationId, maxMessageBytes: 100 }, update: { maxMessageBytes: 100 } });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const general = await generalOf(ann);
      const posted = await ann.caller.chat.post({ channelId: general, body: `<@${erin.userId}> <@${frank.userId}> hello` });
      expect(posted.mentions).toHaveLength(2);
      expect(await sendOwedNotificationEmails(db, ann.organizationId)).toEqual({ delivered: 0, queued: 0, failed: 2, retrying: 0 });
      expect(logged.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/e-mail copy/);
    } finally {
      logged.mockRestore();
    }
    expect(await erin.caller.notifications.unreadCount()).toBe(1);
    expect(await frank.caller.notifications.unreadCount()).toBe(1);
    expect(await messagesIn(erin)).toEqual([]);
    expect(await owner.outboundMail.count({ where: { organizationId: ann.organizationId } })).toBe(0);
    // Refused for good (too large for the mailbox and for the queue): not tried again.
    expect(await owedIn(ann.organizationId)).toBe(0);
  });

  it("try a copy again later when the mailbox is full, until it fits, and give up after five tries", async () => {
    const { boss: ann, colleague } = await team("notifyretry");
    const [hana, ivan] = [await colleague(true), await colleague(true)];
    for (const p of [hana, ivan]) await p.caller.notifications.setPreferences({ emailKinds: ["MENTION"] });
    await owner.mailbox.updateMany({ where: { id: { in: [hana.mailboxId, ivan.mailboxId] } }, data: { usedBytes: 10n ** 12n } }); // far over any quota
    const dueNow = (who: Person) => owner.notification.updateMany({ where: { userId: who.userId, emailPending: true }, data: { emailRetryAt: new Date(Date.now() - 1000) } });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await ann.caller.chat.post({ channelId: await generalOf(ann), body: `<@${hana.userId}> <@${ivan.userId}> the plan` });
      expect(await sendOwedNotificationEmails(db, ann.organizationId)).toEqual({ delivered: 0, queued: 0, failed: 0, retrying: 2 });
      const waiting = await owner.notification.findMany({ where: { organizationId: ann.organizationId, emailPending: true }, select: { emailAttempts: true, emailRetryAt: true } });
      expect(waiting).toHaveLength(2);
      for (const w of waiting) {
        expect(w.emailAttempts).toBe(1);
        expect(w.emailRetryAt!.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000); // later, not at once
      }
      // Not due yet: nothing is tried.
      expect(await sendOwedNotificationEmails(db, ann.organizationId)).toEqual({ delivered: 0, queued: 0, failed: 0, retrying: 0 });

      // Hana makes room; when her copy is due it is delivered. Ivan's mailbox stays full: four more tries, then it is given up.
      await owner.mailbox.update({ where: { id: hana.mailboxId }, data: { usedBytes: 0n } });
      await Promise.all([dueNow(hana), dueNow(ivan)]);
      expect(await sendOwedNotificationEmails(db, ann.organizationId)).toEqual({ delivered: 1, queued: 0, failed: 0, retrying: 1 });
      for (let attempt = 3; attempt <= 5; attempt++) {
        await dueNow(ivan);
        expect(await sendOwedNotificationEmails(db, ann.organizationId)).toEqual({ delivered: 0, queued: 0, failed: attempt === 5 ? 1 : 0, retrying: attempt === 5 ? 0 : 1 });
      }
    } finally {
      logged.mockRestore();
    }
    expect((await messagesIn(hana)).map((m) => m.summary.subject)).toEqual([expect.stringMatching(/mentioned you/)]);
    expect(await messagesIn(ivan)).toEqual([]);
    expect(await owedIn(ann.organizationId)).toBe(0);
  });

  it("are owed only once the notifying transaction commits", async () => {
    const { boss: ann, colleague } = await team("notifyroll");
    const gina = await colleague(true);
    await gina.caller.notifications.setPreferences({ emailKinds: ["INVITATION"] });
    const notifyThenFail = withTenantScope(db, { organizationId: ann.organizationId }, async (tx) => {
      await notify(tx, ann.organizationId, [{ userId: gina.userId, kind: "INVITATION", actorId: ann.userId, title: "Ann added you to #secret", link: "/chat" }]);
      expect(await tx.notification.count({ where: { organizationId: ann.organizationId, emailPending: true } })).toBe(1);
      throw new Error("the action failed after notifying");
    });
    await expect(notifyThenFail).rejects.toThrow("the action failed after notifying");
    expect(await sendOwedNotificationEmails(db, ann.organizationId)).toEqual({ delivered: 0, queued: 0, failed: 0, retrying: 0 });
    expect(await gina.caller.notifications.unreadCount()).toBe(0);
    expect(await messagesIn(gina)).toEqual([]);
  });
});
