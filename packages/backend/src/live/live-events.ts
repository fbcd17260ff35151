import superjson from "superjson";
import type { forViewer } from "../chat/messages";
import type { PersonPresence } from "../presence/presence-events";

type ViewedMessage = ReturnType<typeof forViewer>;

/**
 * What one tab hears. `ready` comes first on every (re)connection: the tab
 * reloads what it shows then, which is how nothing missed while it was away
 * is lost (and merging by id keeps anything from showing twice). `resync` says
 * the server may have missed events itself: reload too.
 */
export type LiveEvent =
  | { type: "ready" }
  | { type: "resync" }
  | { type: "message"; message: ViewedMessage }
  | { type: "channels" }
  | { type: "typing"; channelId: string; userId: string; name: string }
  | { type: "presence"; presence: PersonPresence }
  | { type: "notifications" }
  | { type: "mail"; mailboxId: string; folderId: string };

/**
 * An event on its way to every tab that gets it: serialized once, however
 * many tabs that is, as one server-sent event of tRPC's subscription protocol
 * (superjson in a `data:` line, the blank lines tRPC ends each with).
 */
export class PreparedEvent {
  private bytes: Buffer | undefined;

  constructor(readonly value: LiveEvent) {}

  /** UTF-8, encoded once: sockets are written the same buffer. */
  get frame(): Buffer {
    this.bytes ??= Buffer.from(`data: ${JSON.stringify(superjson.serialize(this.value))}\n\n\n`);
    return this.bytes;
  }
}

export const READY = new PreparedEvent({ type: "ready" });
export const RESYNC = new PreparedEvent({ type: "resync" });
export const CHANNELS = new PreparedEvent({ type: "channels" });
export const NOTIFICATIONS = new PreparedEvent({ type: "notifications" });
