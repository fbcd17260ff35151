import { getStorageConfig } from "./config";
import { getDatabase } from "./db";
import { runFileHousekeeping } from "./files/housekeeping";
import { startConfiguredOutboundRunner } from "./mail/outbound-runner";
import { removeOldNotifications } from "./notifications/notification-housekeeping";
import { startNotificationMailer } from "./notifications/notification-mailer";
import { getStorageEngine } from "./storage/engine-instance";

const HOUR = 60 * 60 * 1000;
const holder = globalThis as typeof globalThis & { awanJobs?: boolean };

/**
 * The long-running server's duties: probing unhealthy storage nodes, a scrub
 * of every replica each AWAN_SCRUB_INTERVAL_HOURS (default 24), the files
 * housekeeping (trash, stale uploads, old versions) every hour, the
 * removal of old notifications once a day, the outbound mail queue
 * (every 30 s and whenever a message is queued), and notification e-mails.
 */
export function startBackgroundJobs(): void {
  if (holder.awanJobs) return;
  holder.awanJobs = true;
  const engine = getStorageEngine();
  engine.startMonitoring();
  void engine.probeAll();
  every(getStorageConfig().scrubIntervalHours * HOUR, "Scrub", () => engine.scrub());
  every(HOUR, "File housekeeping", () => runFileHousekeeping(getDatabase()));
  every(24 * HOUR, "Notification housekeeping", () => removeOldNotifications(getDatabase()));
  startConfiguredOutboundRunner(getDatabase()).catch((error: unknown) => console.error("Outbound mail: the queue runner did not start.", error));
  startNotificationMailer(getDatabase()).catch((error: unknown) => console.error("Notification e-mail: the mailer did not start.", error));
}

function every(intervalMs: number, name: string, job: () => Promise<object>): void {
  const timer = setInterval(() => {
    job().then(
      (report) => console.log(`${name}: ${JSON.stringify(report)}`),
      (error: unknown) => console.error(`${name} failed:`, error),
    );
  }, intervalMs);
  timer.unref();
}
