import { withTenantScope, type Database } from "@awan/db";
import { MESSAGE_SELECT, openMessages, type OpenedMessage } from "../chat/messages";

const KEEP_MS = 10_000;
const loads = new Map<string, Promise<OpenedMessage | null>>();

/**
 * A changed message, read and decrypted once per process per event however
 * many subscribers show it (500 open tabs must not mean 500 reads). The event
 * id is the key, so a later change reads the message again. Callers check the
 * subscriber's access first; this read is scoped to the organization only.
 */
export function loadChangedMessage(db: Database, organizationId: string, eventId: string, messageId: string): Promise<OpenedMessage | null> {
  let load = loads.get(eventId);
  if (!load) {
    load = withTenantScope(db, { organizationId }, async (tx) => {
      const row = await tx.message.findFirst({ where: { id: messageId, organizationId }, select: MESSAGE_SELECT });
      return row ? ((await openMessages(tx, organizationId, [row]))[0] ?? null) : null;
    });
    loads.set(eventId, load);
    // Subscribers reach the event within moments of each other; then the entry goes.
    const forget = () => setTimeout(() => loads.delete(eventId), KEEP_MS).unref();
    load.then(forget, forget);
  }
  return load;
}
