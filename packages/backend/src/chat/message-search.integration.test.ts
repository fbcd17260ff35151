import crypto from "node:crypto";
import fs from "node:fs/promises";
import { createDatabase, Prisma, withTenantScope, type Database } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { addMember, callerFor } from "../testing/fixtures";
import { matchingMessagesQuery } from "./message-search";
import { indexMessage, indexUnindexedMessages, searchTokens, unindexMessage } from "./search-index";
import { queryTerms } from "../search/search-words";
import { generalOf, newChatTeam, type ChatPerson } from "./testing/chat-fixture";

let owner: Database;
beforeAll(() => {
  owner = createDatabase(process.env.DATABASE_URL!);
});
afterAll(() => owner.$disconnect());

const inScope = <T>(who: ChatPerson, work: Parameters<typeof withTenantScope<T>>[2]) =>
  withTenantScope(getDatabase(), { organizationId: who.organizationId, userId: who.userId }, work);

// chat.post and chat.edit index in their own transaction once wired to
// indexMessage; indexing again here replaces the same tokens, so these
// tests hold before and after.
async function post(who: ChatPerson, channelId: string, body: string) {
  const message = await who.caller.chat.post({ channelId, body });
  await inScope(who, (tx) => indexMessage(tx, who.organizationId, message.id, body));
  return message;
}
async function edit(who: ChatPerson, messageId: string, body: string) {
  await who.caller.chat.edit({ messageId, body });
  await inScope(who, (tx) => indexMessage(tx, who.organizationId, messageId, body));
}

async function search(who: ChatPerson, query: string, cursor?: string | null) {
  return who.caller.chatSearch.messages({ query, cursor });
}
const idsFound = async (who: ChatPerson, query: string) => (await search(who, query)).results.map((r) => r.id);
const marked = (result: { snippet: { text: string; match: boolean }[] }) => result.snippet.filter((p) => p.match).map((p) => p.text);

describe("message search", () => {
  it("finds a message by its words in any case or accent, with its channel, author, time and a marked snippet", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const hit = await post(ann, general, "Le **déploiement** de vendredi est prêt");
    await post(ann, general, "Something else entirely");

    const { results, nextCursor, indexing } = await search(bob, "DEPLOIEMENT pret");
    expect(results).toHaveLength(1);
    expect(nextCursor).toBeNull();
    expect(indexing).toBe(false);
    expect(results[0]).toMatchObject({
      id: hit.id,
      channel: { id: general, kind: "CHANNEL", name: "general", isPrivate: false },
      author: { id: ann.userId },
      createdAt: hit.createdAt,
    });
    expect(marked(results[0]!)).toEqual(["déploiement", "prêt"]);
    expect(results[0]!.snippet.map((p) => p.text).join("")).toBe("Le **déploiement** de vendredi est prêt");

    expect(await idsFound(bob, "déplo")).toEqual([hit.id]); // the beginning of a word
    expect(await idsFound(bob, "deploiement lundi")).toEqual([]); // every word must match
    await expect(search(bob, "a")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("never finds another organization's messages, whose tokens for the same word differ", async () => {
    const first = await newChatTeam();
    const second = await newChatTeam();
    const theirs = await post(second.owner, await generalOf(second.owner), "quarterly roadmap");
    const ours = await post(first.owner, await generalOf(first.owner), "quarterly roadmap");
    expect(await idsFound(first.colleague, "roadmap")).toEqual([ours.id]);
    expect(await idsFound(second.colleague, "roadmap")).toEqual([theirs.id]);

    const [a] = await inScope(first.owner, (tx) => searchTokens(tx, first.owner.organizationId, ["roadmap"]));
    const [b] = await inScope(second.owner, (tx) => searchTokens(tx, second.owner.organizationId, ["roadmap"]));
    expect(Buffer.from(a!).equals(Buffer.from(b!))).toBe(false);
  });

  it("finds a private channel's messages only for its members, a public channel's for every member, joined or not", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const secret = await ann.caller.chat.createChannel({ name: `secret-${crypto.randomUUID().slice(0, 6)}`, isPrivate: true });
    const open = await ann.caller.chat.createChannel({ name: `open-${crypto.randomUUID().slice(0, 6)}`, isPrivate: false });
    const hidden = await post(ann, secret.id, "pineapple launch plan");
    const visible = await post(ann, open.id, "pineapple tasting");

    expect(await idsFound(bob, "pineapple")).toEqual([visible.id]); // a public channel Bob has not joined
    expect(await idsFound(ann, "pineapple")).toEqual([visible.id, hidden.id]);

    await ann.caller.chat.addMembers({ channelId: secret.id, userIds: [bob.userId] });
    expect(await idsFound(bob, "pineapple")).toEqual([visible.id, hidden.id]);
  });

  it("finds direct conversations and thread replies for their members only, naming the other person and mentioned people", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const carolId = (await addMember(ann.organizationId, ann.userId, "MEMBER", "carol")).userId;
    const carol = { organizationId: ann.organizationId, userId: carolId, ...(await callerFor(carolId)) };
    const direct = await ann.caller.chat.openDirect({ userIds: [bob.userId] });
    const dm = await post(bob, direct.id, `walrus sighting, <@${ann.userId}> look`);
    const general = await generalOf(ann);
    const parent = await post(ann, general, "the walrus thread");
    const reply = await ann.caller.chat.post({ channelId: general, body: "a walrus reply", parentId: parent.id });
    await inScope(ann, (tx) => indexMessage(tx, ann.organizationId, reply.id, "a walrus reply"));

    const seen = (await search(ann, "walrus")).results;
    expect(seen.map((r) => r.id)).toEqual([reply.id, parent.id, dm.id]);
    expect(seen[0]).toMatchObject({ parentId: parent.id, channel: { id: general } });
    expect(seen[2]!.channel).toMatchObject({ id: direct.id, kind: "DIRECT" });
    const nameOf = async (id: string) => (await owner.user.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;
    const annName = await nameOf(ann.userId);
    expect(seen[2]!.channel.name).toBe(await nameOf(bob.userId)); // for Ann, the conversation is Bob
    expect(seen[2]!.snippet.map((p) => p.text).join("")).toBe(`walrus sighting, @${annName} look`);
    expect(await idsFound(ann, ann.userId.slice(0, 8))).toEqual([]); // a mention's id is not a word
    expect(await idsFound(carol, "walrus")).toEqual([reply.id, parent.id]); // not Ann and Bob's conversation
  });

  it("keeps a guest to the channels they were invited to", async () => {
    const { owner: ann, colleague: guest } = await newChatTeam("GUEST");
    const general = await generalOf(ann);
    await post(ann, general, "invoice numbers for everyone");
    const room = await ann.caller.chat.createChannel({ name: `guests-${crypto.randomUUID().slice(0, 6)}`, isPrivate: false });
    const shared = await post(ann, room.id, "invoice for the guest");
    expect(await idsFound(guest, "invoice")).toEqual([]);
    await ann.caller.chat.addMembers({ channelId: room.id, userIds: [guest.userId] });
    expect(await idsFound(guest, "invoice")).toEqual([shared.id]);
  });

  it("finds an edited message by its new words only, and a deleted one not at all", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const message = await post(ann, general, "meet at the lighthouse");
    await edit(ann, message.id, "meet at the harbour");
    expect(await idsFound(bob, "lighthouse")).toEqual([]);
    expect(await idsFound(bob, "harbour")).toEqual([message.id]);

    await ann.caller.chat.delete({ messageId: message.id });
    expect(await idsFound(bob, "harbour")).toEqual([]); // even while its tokens are still there
    await inScope(ann, (tx) => unindexMessage(tx, ann.organizationId, message.id));
    const [left] = await owner.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "MessageSearchToken" WHERE "messageId" = ${message.id}::uuid`;
    expect(left!.n).toBe(0n);
  });

  it("stores keyed hashes, never the words", async () => {
    const { owner: ann } = await newChatTeam();
    const word = "zanzibarquest";
    const message = await post(ann, await generalOf(ann), `The ${word} starts at Ünïcode time`);
    const rows = await owner.$queryRaw<{ token: Uint8Array }[]>`SELECT "token" FROM "MessageSearchToken" WHERE "messageId" = ${message.id}::uuid`;
    expect(rows.length).toBeGreaterThan(3);
    const stored = Buffer.concat(rows.map((r) => Buffer.from(r.token)));
    for (const text of [word, "zanzibar", "zan", "starts", "unicode", "Ünïcode"]) {
      expect(stored.includes(Buffer.from(text, "utf8"))).toBe(false);
      expect(stored.includes(Buffer.from(text, "utf16le"))).toBe(false);
    }
    // The table's and its indexes' files, as a copy of the database directory would hold them.
    await owner.$executeRaw`CHECKPOINT`;
    const files = await owner.$queryRaw<{ relname: string; path: string }[]>`
      SELECT c.relname::text AS relname, current_setting('data_directory') || '/' || pg_relation_filepath(c.oid) AS path FROM pg_class c
      WHERE c.relname IN ('MessageSearchToken', 'MessageSearchToken_pkey', 'MessageSearchToken_organizationId_token_idx')`;
    expect(files).toHaveLength(3);
    for (const { relname, path } of files) {
      const bytes = await fs.readFile(path);
      // Each file holds the tokens (so this reads the right bytes), and no word.
      expect(rows.every((r) => bytes.includes(Buffer.from(r.token))), relname).toBe(true);
      expect(bytes.includes(Buffer.from(word, "utf8")), relname).toBe(false);
    }
    expect(rows.every((r) => r.token.length === 16 || r.token.length === 1)).toBe(true);
  });

  it("pages newest first without gaps or duplicates", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const posted = [];
    for (let i = 0; i < 25; i++) posted.push((await post(ann, general, `standup note ${i}`)).id);
    const first = await search(bob, "standup");
    expect(first.results).toHaveLength(20);
    expect(first.nextCursor).not.toBeNull();
    const second = await search(bob, "standup", first.nextCursor);
    expect(second.nextCursor).toBeNull();
    expect([...first.results, ...second.results].map((r) => r.id)).toEqual(posted.reverse());
  });

  it("indexes earlier messages once: an organization's old messages become searchable, and running it again does nothing", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const old = [];
    for (let i = 0; i < 5; i++) old.push((await ann.caller.chat.post({ channelId: general, body: `archived memo ${i}` })).id);
    const gone = await ann.caller.chat.post({ channelId: general, body: "archived but deleted" });
    await ann.caller.chat.delete({ messageId: gone.id });
    // As before search existed: no tokens at all.
    await owner.$executeRaw`DELETE FROM "MessageSearchToken" WHERE "organizationId" = ${ann.organizationId}::uuid`;
    // (No search before: the first one would start this same backfill in the background.)
    expect(await indexUnindexedMessages(getDatabase(), ann.organizationId, 2)).toEqual({ indexed: 5, unreadable: 0 });
    expect(await idsFound(bob, "memo")).toEqual(old.reverse());
    expect(await indexUnindexedMessages(getDatabase(), ann.organizationId, 2)).toEqual({ indexed: 0, unreadable: 0 });
    expect(await idsFound(bob, "archived")).toHaveLength(5);
  });

  it("looks tokens up through the (organizationId, token) index among 100,000 messages", { timeout: 180_000 }, async () => {
    const { owner: ann } = await newChatTeam();
    const general = await generalOf(ann);
    const org = ann.organizationId;
    // 100,000 messages with three tokens each, written directly: only the plan matters here.
    await owner.$executeRaw`
      INSERT INTO "Message" ("id", "organizationId", "channelId", "authorId", "body")
      SELECT gen_random_uuid(), ${org}::uuid, ${general}::uuid, ${ann.userId}::uuid, decode(md5(i::text), 'hex') FROM generate_series(1, 100000) i`;
    await owner.$executeRaw`
      INSERT INTO "MessageSearchToken" ("organizationId", "messageId", "token")
      SELECT m."organizationId", m."id", substring(sha256(convert_to(m."id"::text || k::text, 'UTF8')) from 1 for 16)
      FROM "Message" m, generate_series(1, 3) k WHERE m."channelId" = ${general}::uuid`;
    await owner.$executeRaw`ANALYZE "Message"`;
    await owner.$executeRaw`ANALYZE "MessageSearchToken"`;
    const actor = { organizationId: org, userId: ann.userId, role: "OWNER" as const };
    const plan = await inScope(ann, async (tx) => {
      const tokens = await searchTokens(tx, org, queryTerms("release notes"));
      const [row] = await tx.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${matchingMessagesQuery(actor, tokens, null, 21)}`);
      return JSON.stringify(row!["QUERY PLAN"]);
    });
    type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
    const nodes: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      nodes.push(node);
      node.Plans?.forEach(walk);
    };
    walk((JSON.parse(plan) as { Plan: PlanNode }[])[0]!.Plan);
    expect(nodes.some((n) => n["Index Name"] === "MessageSearchToken_organizationId_token_idx")).toBe(true);
    expect(nodes.filter((n) => n["Node Type"] === "Seq Scan" && ["Message", "MessageSearchToken"].includes(n["Relation Name"] ?? ""))).toEqual([]);

    const hit = await post(ann, general, "release notes for 2.0");
    expect(await idsFound(ann, "release notes")).toEqual([hit.id]);
  });
});
