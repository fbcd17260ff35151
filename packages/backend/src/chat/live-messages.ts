import { withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { getEventBus } from "../events/event-bus";
import type { Actor } from "../tenancy/memberships";
import { findChannel } from "./channels";
import { chatMessageChanged } from "./chat-events";
import { messagesAfter, newestSeqOf, readMessage, type ChatMessage } from "./messages";

/**
 * What a live channel sends: a message as it now is (new, edited, deleted or
 * reacted to), or "resync" when changes to messages already shown may have
 * been missed (the bus lost its connection for a while): reload them.
 * `cursor` is the newest seq delivered so far; given back as `afterSeq` on a
 * reconnection, the stream resumes after it with no gap and no duplicate.
 */
export type LiveChannelItem = { cursor: string } & ({ type: "message"; message: ChatMessage } | { type: "resync" });

/** Checks that the actor may read the channel; throws NOT_FOUND otherwise. Run before streaming starts. */
export async function checkChannelAccess(db: Database, actor: Actor, channelId: string): Promise<void> {
  await withTenantScope(db, { organizationId: actor.organizationId, userId: actor.userId }, (tx) => findChannel({ tx, actor }, channelId));
}

/**
 * A channel's changes, live, from after `afterSeq` (null: from now). The bus
 * subscription is live before the database is read, so nothing committed in
 * between is lost; posts within a channel commit in seq order (postMessage
 * holds the channel's lock), so "seq above the cursor" is exactly what is new.
 */
export async function* liveChannel(db: Database, actor: Actor, channelId: string, afterSeq: string | null, signal?: AbortSignal): AsyncGenerator<LiveChannelItem> {
  const scope = { organizationId: actor.organizationId, userId: actor.userId };
  const read = <T>(work: (tx: ScopedDb) => Promise<T>) => withTenantScope(db, scope, work);
  const stream = await getEventBus().stream(actor.organizationId, chatMessageChanged, { signal });
  try {
    let cursor =
      afterSeq ??
      (await read(async (tx) => {
        const channel = await findChannel({ tx, actor }, channelId);
        const [newest] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT ${newestSeqOf(channel.id)} AS seq`;
        return String(newest?.seq ?? 0n);
      }));

    async function* catchUp(): AsyncGenerator<LiveChannelItem> {
      for (;;) {
        const missed = await read((tx) => messagesAfter({ tx, actor }, channelId, cursor));
        for (const message of missed) {
          cursor = message.seq;
          yield { type: "message", message, cursor };
        }
        if (missed.length < 500) return;
      }
    }

    yield* catchUp();
    for await (const item of stream) {
      if (item.type === "gap") {
        yield* catchUp();
        yield { type: "resync", cursor };
        continue;
      }
      const change = item.data;
      if (change.channelId !== channelId) continue;
      // Already sent by the catch-up read.
      if (change.change === "posted" && BigInt(change.seq) <= BigInt(cursor)) continue;
      const message = await read((tx) => readMessage({ tx, actor }, channelId, change.messageId));
      if (!message) continue;
      if (change.change === "posted") cursor = change.seq;
      yield { type: "message", message, cursor };
    }
  } finally {
    await stream.return();
  }
}
