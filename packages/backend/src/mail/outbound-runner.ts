import type { Database } from "@awan/db";
import { getConfig, getMailConfig } from "../config";
import { ListenerConnection } from "../events/listener-connection";
import { removeFinishedOutboundMail } from "./outbound-housekeeping";
import { OUTBOUND_QUEUED_CHANNEL } from "./outbound-queue";
import { deliverBounceToSender } from "./bounce-delivery";
import { NO_RELAY_MESSAGE, runOutboundQueue, type OutboundRunReport, type OutboundWorkerOptions } from "./outbound-worker";

/** The queue is looked at this often even when nothing wakes it: retries come due. */
export const OUTBOUND_POLL_MS = 30_000;
const HOUSEKEEPING_MS = 60 * 60 * 1000;

export type OutboundRunner = {
  /** Runs the queue now (or once more right after the run in progress). */
  kick(): void;
  /** Resolves when no run is in progress or asked for. */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Runs the outbound queue in this process: every OUTBOUND_POLL_MS, and at
 * once whenever a queueing commits anywhere on this database (its NOTIFY),
 * so a new message's first attempt does not wait for the poll. Runs never
 * overlap within a process; across processes the claim keeps each message
 * to one worker. Hourly, messages finished a month ago leave the outboxes.
 */
export async function startOutboundRunner(db: Database, options: OutboundWorkerOptions & { databaseUrl?: string; onReport?: (r: OutboundRunReport) => void }): Promise<OutboundRunner> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): Promise<void> =>
    runOutboundQueue(db, options).then(
      (report) => {
        options.onReport?.(report);
        if (report.attempted > 0 || report.waitingForRelay > 0) console.log(`Outbound mail: ${JSON.stringify(report)}`);
      },
      (error: unknown) => console.error("Outbound mail: a queue run failed.", error),
    );
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again && !stopped);
      running = null;
    })();
  };
  const listener = new ListenerConnection({
    url: options.databaseUrl ?? getConfig().databaseUrl,
    applicationName: `awan-outbound ${process.pid}`,
    onNotification: kick,
    onGap: kick,
  });
  await listener.listen(OUTBOUND_QUEUED_CHANNEL);
  const timer = setInterval(kick, OUTBOUND_POLL_MS);
  timer.unref();
  const housekeeping = setInterval(() => {
    removeFinishedOutboundMail(db, { organizationIds: options.organizationIds }).then(
      ({ removed }) => removed > 0 && console.log(`Outbound mail: removed ${removed} finished messages from the outboxes.`),
      (error: unknown) => console.error("Outbound mail: removing finished messages failed.", error),
    );
  }, HOUSEKEEPING_MS);
  housekeeping.unref();
  kick();
  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(housekeeping);
      await listener.close();
      while (running) await running;
    },
  };
}

/** The runner the server starts: relay and host name from the mail configuration, bounces into the sender's Inbox. */
export function startConfiguredOutboundRunner(db: Database): Promise<OutboundRunner> {
  const { relayUrl, hostname } = getMailConfig();
  if (!relayUrl) console.log(`Outbound mail: ${NO_RELAY_MESSAGE}`);
  return startOutboundRunner(db, { relayUrl, hostname, deliverBounce: (bounce) => deliverBounceToSender(db, bounce) });
}
