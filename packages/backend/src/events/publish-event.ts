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
  const organizationId = z.uuid().parse(event.organizationId);
  const parsed = topic.data.safeParse(event.data);
  if (!parsed.success) throw new Error(`Event "${topic.name}" has invalid data:\n${z.prettifyError(parsed.error)}`);
  // A fresh id per event also keeps PostgreSQL from folding two equal
  // payloads sent in one transaction into one notification.
  const id = crypto.randomUUID();
  const payload = JSON.stringify({ id, organizationId, data: parsed.data });
  const bytes = Buffer.byteLength(payload, "utf8");
  if (bytes > MAX_EVENT_PAYLOAD_BYTES) {
    throw new Error(
      `Event "${topic.name}" is ${bytes} bytes; at most ${MAX_EVENT_PAYLOAD_BYTES} fit in a notification. Send ids and let subscribers load the rest.`,
    );
  }
  // One statement: sends only when the transaction's scope (if any) is this organization.
  const sent = await db.$executeRaw`SELECT pg_notify(${topic.channel}, ${payload})
    WHERE coalesce(nullif(current_setting('app.organization_id', true), ''), ${organizationId}) = ${organizationId}`;
  if (sent !== 1) throw new Error(`Event "${topic.name}" of organization ${organizationId} was published inside another organization's transaction.`);
  return id;
}
