import crypto from "node:crypto";
import type { Database, ScopedDb } from "@awan/db";
import { z } from "zod";
import { MAX_EVENT_PAYLOAD_BYTES, type Topic } from "./topic";

export type PublishedEvent<T> = { organizationId: string; data: T };

/**
 * Publishes an event to every subscriber of its organization and topic, in
 * every process on this database.
 *
 * Given a transaction, the NOTIFY is part of it: PostgreSQL delivers it only
 * when the transaction commits, and never if it rolls back, so subscribers
 * never hear of a row they cannot read. Given the database, it is sent at
 * once, on its own.
 *
 * Inside a transaction scoped to an organization, an event of another
 * organization is refused (and the transaction fails with it).
 * Returns the event's id.
 */
export async function publishEvent<T>(db: Database | ScopedDb, topic: Topic<T>, event: PublishedEvent<T>): Promise<string> {
  const [id] = await publishEvents(db, topic, event.organizationId, [event.data]);
  return id!;
}

/** publishEvent for many events of one organization and topic, in one statement. Returns their ids, in order. */
export async function publishEvents<T>(db: Database | ScopedDb, topic: Topic<T>, organizationId: string, events: T[]): Promise<string[]> {
  z.uuid().parse(organizationId);
  if (events.length === 0) return [];
  const ids: string[] = [];
  const payloads = events.map((data) => {
    const parsed = topic.data.safeParse(data);
    if (!parsed.success) throw new Error(`Event "${topic.name}" has invalid data:\n${z.prettifyError(parsed.error)}`);
    // A fresh id per event also keeps PostgreSQL from folding two equal
    // payloads sent in one transaction into one notification.
    const id = crypto.randomUUID();
    ids.push(id);
    const payload = JSON.stringify({ id, organizationId, data: parsed.data });
    const bytes = Buffer.byteLength(payload, "utf8");
    if (bytes > MAX_EVENT_PAYLOAD_BYTES) {
      throw new Error(
        `Event "${topic.name}" is ${bytes} bytes; at most ${MAX_EVENT_PAYLOAD_BYTES} fit in a notification. Send ids and let subscribers load the rest.`,
      );
    }
    return payload;
  });
  // One statement: sends only when the transaction's scope (if any) is this organization.
  const [row] = await db.$queryRaw<{ sent: number }[]>`SELECT count(pg_notify(${topic.channel}, p))::int AS sent FROM unnest(${payloads}::text[]) AS p
    WHERE coalesce(nullif(current_setting('app.organization_id', true), ''), ${organizationId}) = ${organizationId}`;
  if (row?.sent !== events.length) throw new Error(`Event "${topic.name}" of organization ${organizationId} was published inside another organization's transaction.`);
  return ids;
}
