// Mail for the browser tests: HTML messages stored in a person's mailbox
// through the backend's mail store (e2e/mail-seed.ts, run with tsx).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { CONSOLE_DIR } from "../scripts/lib/console-process";

export type SeedMail = { subject: string; html: string; text?: string; attachments?: { filename: string; contentType: string; base64: string; cid?: string }[] };

/**
 * Stores `mails` in the Inbox of the person signed up as `email`; their ids,
 * in order. The seed process works on the console's storage nodes: the
 * console under test keeps them under its working directory (`.awan`, the
 * default, as scripts/test.ts starts it with no AWAN_DATA_DIR), and its
 * storage needs no sign-in secret, so the seed gets one of its own.
 */
export function seedMail(email: string, mails: SeedMail[]): { organizationId: string; messageIds: string[] } {
  const appUrl = process.env.DATABASE_APP_URL;
  if (!appUrl) throw new Error("Run the browser tests with `npm run e2e`: it passes the test database as DATABASE_APP_URL.");
  const output = execFileSync(process.execPath, [path.join(CONSOLE_DIR, "../../node_modules/tsx/dist/cli.mjs"), path.join(import.meta.dirname, "mail-seed.ts")], {
    input: JSON.stringify({ email, mails }),
    env: {
      ...process.env,
      DATABASE_APP_URL: appUrl,
      AWAN_DATA_DIR: process.env.AWAN_DATA_DIR ?? path.join(CONSOLE_DIR, ".awan"),
      NEXTAUTH_SECRET: "e2e mail seed: stores mail, signs nothing, 32+ characters",
    },
    stdio: ["pipe", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.toString("utf8")) as { organizationId: string; messageIds: string[] };
}
