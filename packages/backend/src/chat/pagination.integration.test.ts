// Reading a channel's history while people post into it: back with chat.messages
// cursors and forward with its newer pages; and how a page is found in a
// channel of 100,000 messages. (A reconnecting live feed has no catch-up read
// of its own: it starts with "ready" and the tab reloads these same pages; see
// chat.integration.test.ts.)
import crypto from "node:crypto";
import { createRawConnection, withTenantScope, type RawConnection } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { getStorageEngine } from "../storage/engine-instance";
import { addMember, callerFor } from "../testing/fixtures";
import { listMyChannels } from "./channels";
import { listMessages, markRead } from "./messages";
import { sealText } from "./message-cipher";
import type { ChatScope } from "./chat-scope";
import { generalOf, newChatTeam, type ChatPerson } from "./testing/chat-fixture";

type Seen = { id: string; seq: string; body: string | null };

let owner: RawConnection;
beforeAll(async () => {
  owner = createRawConnection(process.env.DATABASE_URL!, { applicationName: "chat pagination test" });
  await owner.connect();
});
afterAll(() => owner.end());

/** The whole channel as one reader sees it at the end, oldest first. */
async function wholeChannel(who: ChatPerson, channelId: string): Promise<Seen[]> {
  const all: Seen[] = [];
  let cursor: string | null = null;
  do {
    const page: { messages: Seen[]; olderCursor: string | null } = await who.caller.chat.messages({ channelId, cursor, limit: 100 });
    all.unshift(...page.messages);
    cursor = page.olderCursor;
  } while (cursor);
  return all;
}

const bySeq = (a: Seen, b: Seen) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1);
const ids = (messages: Seen[]) => messages.map((m) => m.id);

/**
 * Reads forward with `readNewer` from `cursor` until, after the posters are
 * done, a read finds nothing newer; counts the pages read while they posted.
 */
async function walkForward(cursor: string, isPosting: () => boolean, readNewer: (cursor: string) => Promise<Seen[]>) {
  const newer: Seen[] = [];
  let pagesDuringPosting = 0;
  for (;;) {
    const stillPosting = isPosting();
    const page = await readNewer(cursor);
    newer.push(...page);
    if (page.length > 0) {
      cursor = page.at(-1)!.seq;
      if (stillPosting) pagesDuringPosting += 1;
    } else if (!stillPosting) {
      // Empty after the last post committed: nothing newer exists.
      return { newer, pagesDuringPosting };
    } else {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

describe("chat history under concurrent posting", () => {
  it("opened at the first unread message, read back through cursors and forward by newer pages while four people post: every message once, in seq order", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const colleague = async (role: "MEMBER" | "ADMIN"): Promise<ChatPerson> => {
      const { userId } = await addMember(ann.organizationId, ann.userId, role);
      return { organizationId: ann.organizationId, userId, ...(await callerFor(userId)) };
    };
    const people = [ann, bob, await colleague("MEMBER"), await colleague("ADMIN")];
    const general = await generalOf(ann);
    const earlier: Seen[] = [];
    for (let i = 0; i < 20; i++) earlier.push(await ann.caller.chat.post({ channelId: general, body: `earlier ${i}` }));

    // Bob read twelve; his console opens the channel around the first unread one, then reads both ways while the others post.
    const reader = bob;
    await reader.caller.chat.markRead({ channelId: general, seq: earlier[11]!.seq });
    const firstUnread = earlier[12]!.seq;
    const opened = await reader.caller.chat.messages({ channelId: general, around: firstUnread, limit: 8 });
    expect(opened.messages.map((m) => m.seq)).toContain(firstUnread);
    expect(opened.olderCursor).not.toBeNull();
    expect(opened.newerCursor).not.toBeNull();
    let posting = true;
    const isPosting = () => posting;
    const posters = Promise.all(
      people.map(async (who, p) => {
        for (let i = 0; i < 25; i++) await who.caller.chat.post({ channelId: general, body: `person ${p} message ${i}` });
      }),
    ).finally(() => {
      posting = false;
    });

    const backward = (async () => {
      const older: Seen[] = [];
      let cursor = opened.olderCursor;
      while (cursor) {
        const page: { messages: Seen[]; olderCursor: string | null } = await reader.caller.chat.messages({ channelId: general, cursor, limit: 3 });
        older.unshift(...page.messages);
        cursor = page.olderCursor;
      }
      return older;
    })();
    const lastOpened = opened.messages.at(-1)!.seq;
    // Newer pages as the console scrolls down (cursor, direction "backward").
    const byPages = walkForward(lastOpened, isPosting, async (cursor) => (await reader.caller.chat.messages({ channelId: general, cursor, direction: "backward", limit: 4 })).messages);

    await posters;
    const [older, pages] = await Promise.all([backward, byPages]);

    const all = await wholeChannel(ann, general);
    expect(all).toHaveLength(20 + people.length * 25);
    expect(all.map((m) => m.seq)).toEqual([...all].sort(bySeq).map((m) => m.seq));
    // The forward read really raced the posters (else this would test a quiet channel).
    expect(pages.pagesDuringPosting).toBeGreaterThan(1);
    const read = [...older, ...opened.messages, ...pages.newer];
    expect(new Set(ids(read)).size).toBe(read.length); // no duplicate
    expect(ids(read)).toEqual(ids(all)); // no gap, seq order
    expect(read.map((m) => m.body)).toEqual(all.map((m) => m.body));
    // Each person's own messages kept their order.
    for (const p of people.keys()) {
      const mine = all.map((m) => m.body).filter((b) => b?.startsWith(`person ${p} `));
      expect(mine).toEqual(Array.from({ length: 25 }, (_, i) => `person ${p} message ${i}`));
    }
  });
});

describe("a channel of 100,000 messages", () => {
  const COUNT = 100_000;
  let ann: ChatPerson;
  let big: string;
  let small: string;
  let smallPosts: { id: string; seq: string }[];
  const BUSY_COUNT = 20_000;
  let busy: string;

  beforeAll(async () => {
    let bob: ChatPerson;
    ({ owner: ann, colleague: bob } = await newChatTeam());
    big = await generalOf(ann);
    small = (await ann.caller.chat.createChannel({ name: "small", isPrivate: false })).id;
    smallPosts = [await ann.caller.chat.post({ channelId: small, body: "small first" })];

    // Bob's messages, bodies sealed as postMessage seals them (bound to each message's id), inserted in bulk.
    const dataKey = await withTenantScope(getDatabase(), { organizationId: ann.organizationId, userId: ann.userId }, async (tx) =>
      (await getStorageEngine().organizationKeys(tx, ann.organizationId)).dataKey,
    );
    const insert = async (channelId: string, count: number, label: string) => {
      const BATCH = 10_000;
      for (let start = 0; start < count; start += BATCH) {
        const ids = Array.from({ length: Math.min(BATCH, count - start) }, () => crypto.randomUUID());
        const bodies = await Promise.all(ids.map((id, i) => sealText(dataKey, ann.organizationId, id, `${label} ${start + i}`)));
        await owner.query(
          `INSERT INTO "Message" ("id", "organizationId", "channelId", "authorId", "body")
           SELECT id, $2::uuid, $3::uuid, $4::uuid, body FROM unnest($1::uuid[], $5::bytea[]) WITH ORDINALITY AS t(id, body, n) ORDER BY n`,
          [ids, ann.organizationId, channelId, bob.userId, bodies.map((b) => Buffer.from(b))],
        );
      }
    };
    await insert(big, COUNT, "bulk");
    smallPosts.push(await ann.caller.chat.post({ channelId: small, body: "small last" }));
    // Since then, the conversation moved elsewhere: newer messages in another channel.
    busy = (await ann.caller.chat.createChannel({ name: "busy", isPrivate: false })).id;
    await insert(busy, BUSY_COUNT, "busy");
    await owner.query(`ANALYZE "Message"`);
  }, 240_000);

  afterAll(async () => {
    await owner.query(`DELETE FROM "Message" WHERE "channelId" = ANY($1::uuid[])`, [[big, busy]]);
  });

  const MAX_SEQ = "9223372036854775807";
  type PlanNode = { "Node Type": string; "Index Name"?: string; "Actual Rows": number; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };
  const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

  /**
   * The executed plan of listMessages' query (chat.messages: a channel's
   * top-level messages below a cursor, newest first, or above it, oldest
   * first; one more than a page), as the application's role runs it under
   * row-level security.
   */
  async function historyPlan(channelId: string, cursor: { before: string } | { after: string } | null): Promise<PlanNode[]> {
    const app = createRawConnection(process.env.DATABASE_APP_URL!);
    await app.connect();
    try {
      await app.query("BEGIN");
      await app.query(`SELECT set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [ann.organizationId, ann.userId]);
      await app.query("SET LOCAL enable_bitmapscan = off"); // as channelRows does
      // As channelRows (messages.ts) asks: row comparisons on ("channelId", "seq") bound the channel's range.
      const [above, below, order] =
        cursor === null ? ["0", MAX_SEQ, "DESC"] : "before" in cursor ? ["0", cursor.before, "DESC"] : [cursor.after, MAX_SEQ, "ASC"];
      const { rows } = await app.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT "id" FROM "Message"
         WHERE ("channelId", "seq") > ($1::uuid, $2::bigint) AND ("channelId", "seq") < ($1::uuid, $3::bigint) AND "parentId" IS NULL
         ORDER BY "channelId" ${order}, "seq" ${order} LIMIT 51`,
        [channelId, above, below],
      );
      await app.query("COMMIT");
      return nodesOf(rows[0]!["QUERY PLAN"][0].Plan);
    } finally {
      await app.end();
    }
  }

  it("reads a history page through the (channelId, seq) index, touching about a page of rows, in the big channel and in a small one beside it", async () => {
    const page = await ann.caller.chat.messages({ channelId: big, limit: 50 });
    expect(page.messages.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `bulk ${COUNT - 50 + i}`));
    const middle = await ann.caller.chat.messages({ channelId: big, cursor: page.olderCursor, limit: 50 });
    expect(middle.messages.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `bulk ${COUNT - 100 + i}`));
    expect((await ann.caller.chat.messages({ channelId: small })).messages.map((m) => m.body)).toEqual(["small first", "small last"]);

    const middleSeq = middle.messages[0]!.seq;
    const newer = await ann.caller.chat.messages({ channelId: big, cursor: middleSeq, direction: "backward", limit: 50 });
    expect(newer.messages.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `bulk ${COUNT - 99 + i}`));

    const cases: { channelId: string; cursor: { before: string } | { after: string } | null }[] = [
      // Nearly every row is this channel's, and the newest 20,000 are not: a scan down the global seq index would wade through them.
      { channelId: big, cursor: null },
      { channelId: big, cursor: { before: middle.olderCursor! } },
      { channelId: big, cursor: { after: middleSeq } },
      // Two rows among 120,000.
      { channelId: small, cursor: null },
      { channelId: small, cursor: { before: smallPosts[1]!.seq } },
      { channelId: small, cursor: { after: smallPosts[0]!.seq } },
    ];
    for (const { channelId, cursor } of cases) {
      const nodes = await historyPlan(channelId, cursor);
      const shown = JSON.stringify(nodes.map((n) => [n["Node Type"], n["Index Name"], n["Actual Rows"], n["Rows Removed by Filter"]]));
      expect(nodes.map((n) => n["Node Type"]), shown).not.toContain("Seq Scan");
      const scans = nodes.filter((n) => n["Node Type"].startsWith("Index"));
      expect(scans, shown).toHaveLength(1);
      expect(scans[0]!["Index Name"], shown).toBe("Message_channelId_seq_idx");
      // What a page costs does not grow with the history: at most a page and its look-ahead row, a few skipped.
      expect(scans[0]!["Actual Rows"] + (scans[0]!["Rows Removed by Filter"] ?? 0), shown).toBeLessThanOrEqual(60);
    }
  });

  /** What `work` read of the Message table (rows through any index, and by sequential scans), in one scope. */
  async function rowsRead(work: (scope: ChatScope) => Promise<unknown>): Promise<{ total: number; byIndex: Record<string, number> }> {
    return withTenantScope(getDatabase(), { organizationId: ann.organizationId, userId: ann.userId }, async (tx) => {
      // Counters of this connection not yet reported (the transaction's, and maybe earlier ones'): read before and after.
      const counters = async () =>
        new Map(
          (
            await tx.$queryRaw<{ name: string; read: bigint }[]>`
              SELECT c.relname AS name, pg_stat_get_xact_tuples_returned(c.oid) AS read FROM pg_class c
              WHERE c.oid = '"Message"'::regclass OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = '"Message"'::regclass)`
          ).map((r) => [r.name, Number(r.read)]),
        );
      const before = await counters();
      await work({ tx, actor: { organizationId: ann.organizationId, userId: ann.userId, role: "OWNER" } });
      const after = await counters();
      const byIndex: Record<string, number> = {};
      for (const [name, n] of after) if (n !== (before.get(name) ?? 0)) byIndex[name] = n - (before.get(name) ?? 0);
      return { total: Object.values(byIndex).reduce((a, b) => a + b, 0), byIndex };
    });
  }

  it("reads about a page of rows for each thing a reader does in the big channel, whatever the newer messages of other channels", async () => {
    const newest = (await ann.caller.chat.messages({ channelId: big, limit: 1 })).messages[0]!.seq;
    const recent = (await ann.caller.chat.messages({ channelId: big, limit: 10 })).messages[0]!.seq;
    const newestBusy = (await ann.caller.chat.messages({ channelId: busy, limit: 1 })).messages[0]!.seq;
    // Ann read #general up to ten messages ago, and all of the busy channel.
    await owner.query(`UPDATE "ChannelMember" SET "lastReadSeq" = $3 WHERE "channelId" = $1::uuid AND "userId" = $2::uuid`, [big, ann.userId, recent]);
    await owner.query(`UPDATE "ChannelMember" SET "lastReadSeq" = $3 WHERE "channelId" = $1::uuid AND "userId" = $2::uuid`, [busy, ann.userId, newestBusy]);
    expect((await ann.caller.chat.channels()).find((c) => c.id === big)).toMatchObject({ unread: 9 });
    const reads: Record<string, (scope: ChatScope) => Promise<unknown>> = {
      "the newest page": (scope) => listMessages(scope, big, {}, 50),
      "an older page": (scope) => listMessages(scope, big, { cursor: String(BigInt(newest) - 5000n) }, 50),
      "a newer page": (scope) => listMessages(scope, big, { cursor: String(BigInt(newest) - 5000n), direction: "backward" }, 50),
      "the page around the first unread": (scope) => listMessages(scope, big, { around: recent }, 50),
      "the channel list with unread counts": (scope) => listMyChannels(scope),
      "marking read": (scope) => markRead(scope, big, newest),
    };
    for (const [what, work] of Object.entries(reads)) {
      const { total, byIndex } = await rowsRead(work);
      // A page of 50 and its look-ahead row, each found in the channel's index and fetched once; a few more for the channel list's own.
      expect(total, `${what}: ${JSON.stringify(byIndex)}`).toBeLessThanOrEqual(120);
      expect(byIndex, what).not.toHaveProperty("Message_seq_key");
    }
  });
});
