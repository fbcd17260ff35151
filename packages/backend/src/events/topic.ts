import { z } from "zod";

/**
 * A kind of event, e.g. "a chat message was posted". Each topic has its own
 * NOTIFY channel, so a process listens only to the topics its subscribers
 * want, and its data schema types both ends.
 */
export type Topic<T> = {
  readonly name: string;
  /** The PostgreSQL channel: `awan_<name>`, a plain identifier. */
  readonly channel: string;
  readonly data: z.ZodType<T>;
};

// Lower case, so the channel needs no quoting rules beyond double quotes, and
// short enough for PostgreSQL's 63-byte identifiers.
const TOPIC_NAME = /^[a-z][a-z0-9_]{0,47}$/;

export function defineTopic<T>(name: string, data: z.ZodType<T>): Topic<T> {
  if (!TOPIC_NAME.test(name)) throw new Error(`Event topic "${name}": use lower-case letters, digits and _ (at most 48).`);
  return { name, channel: `awan_${name}`, data };
}

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. Events carry ids
 * and small fields; subscribers load the rest from the database.
 */
export const MAX_EVENT_PAYLOAD_BYTES = 7_999;

/** What travels in a NOTIFY payload. */
export const EventEnvelope = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** One event as a subscriber receives it. */
export type BusEvent<T> = { type: "event"; id: string; organizationId: string; topic: string; data: T };

/**
 * Events of this topic may have been missed: the process's listening
 * connection dropped and is back. A subscriber reloads what it shows.
 */
export type EventGap = { type: "gap" };

export type BusItem<T> = BusEvent<T> | EventGap;

/** Whether an item of a stream of several topics is an event of `topic`. */
export function isEventOf<T>(item: BusItem<unknown>, topic: Topic<T>): item is BusEvent<T> {
  return item.type === "event" && item.topic === topic.name;
}
