import type { RouterOutputs } from "@awan/backend";

export type MailboxWithFolders = RouterOutputs["mail"]["folders"][number];
export type MailFolder = MailboxWithFolders["folders"][number];
export type MailListMessage = RouterOutputs["mail"]["messages"]["messages"][number];
export type MailAddressee = MailListMessage["to"][number];

/** A name a reader knows a person by: their name, else their address. */
export function addresseeName(a: MailAddressee | null | undefined): string {
  if (!a) return "(unknown sender)";
  return a.name || a.address;
}

const SAME_DAY = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const SAME_YEAR = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const OTHER_YEAR = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });

/** A list's date: the time today, the day this year, the full date before. */
export function shortDate(date: Date, now = new Date()): string {
  if (date.toDateString() === now.toDateString()) return SAME_DAY.format(date);
  if (date.getFullYear() === now.getFullYear()) return SAME_YEAR.format(date);
  return OTHER_YEAR.format(date);
}
