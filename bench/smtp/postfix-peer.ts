// The SMTP benchmark's peer: a private Debian postfix instance, its own config,
// queue and data directories in a fresh temporary directory, listening on a
// free loopback port, delivering through its `virtual` agent into Maildirs
// under that directory (no Unix users needed: a fixed uid/gid, postfix's own).
// The system postfix (if any) is never touched: every command gets `-c DIR`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/lib/test-database";

const POSTFIX = "/usr/sbin/postfix";
const MAIL_OWNER = "postfix";

export type PostfixPeer = {
  port: number;
  /** How many messages are in the Maildirs' new/ folders now. */
  countDelivered: () => number;
  /** The end of its log, for when something went wrong. */
  logTail: () => string;
  stop: () => Promise<void>;
};

/** master.cf: the services a queue-and-deliver instance needs, none chrooted (no copies of /etc in the queue). */
function masterCf(port: number): string {
  const services = [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    "pickup unix n - n 60 1 pickup",
    "cleanup unix n - n - 0 cleanup",
    "qmgr unix n - n 300 1 qmgr",
    "rewrite unix - - n - - trivial-rewrite",
    "bounce unix - - n - 0 bounce",
    "defer unix - - n - 0 bounce",
    "trace unix - - n - 0 bounce",
    "verify unix - - n - 1 verify",
    "flush unix n - n 1000? 0 flush",
    "proxymap unix - - n - - proxymap",
    "proxywrite unix - - n - 1 proxymap",
    "smtp unix - - n - - smtp",
    "relay unix - - n - - smtp",
    "showq unix n - n - - showq",
    "error unix - - n - - error",
    "retry unix - - n - - error",
    "discard unix - - n - - discard",
    "local unix - n n - - local",
    "virtual unix - n n - - virtual",
    "anvil unix - - n - 1 anvil",
    "scache unix - - n - 1 scache",
    "postlog unix-dgram n - n - 1 postlogd",
  ];
  return `${services.join("\n")}\n`;
}

function mainCf(dir: string, domain: string, uid: number, gid: number): string {
  const settings: Record<string, string> = {
    compatibility_level: "3.6",
    queue_directory: path.join(dir, "queue"),
    data_directory: path.join(dir, "data"),
    mail_owner: MAIL_OWNER,
    // postlogd writes only under these prefixes (default /var, /dev/stdout).
    maillog_file: path.join(dir, "postfix.log"),
    maillog_file_prefixes: dir,
    myhostname: "postfix.bench.localhost",
    mydestination: "",
    inet_interfaces: "127.0.0.1",
    inet_protocols: "ipv4",
    mynetworks: "127.0.0.0/8",
    smtpd_recipient_restrictions: "permit_mynetworks, reject",
    // Like Awan: mail for its own domain from anyone, never relayed (even from loopback).
    smtpd_relay_restrictions: "reject_unauth_destination",
    smtpd_peername_lookup: "no",
    disable_dns_lookups: "yes",
    smtp_host_lookup: "native",
    alias_maps: "",
    alias_database: "",
    biff: "no",
    append_dot_mydomain: "no",
    virtual_mailbox_domains: domain,
    virtual_mailbox_base: path.join(dir, "maildirs"),
    virtual_mailbox_maps: `texthash:${path.join(dir, "conf/mailboxes")}`,
    virtual_uid_maps: `static:${uid}`,
    virtual_gid_maps: `static:${gid}`,
    virtual_minimum_uid: String(uid),
    message_size_limit: String(50 * 1024 * 1024),
    virtual_mailbox_limit: "0",
  };
  return Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join("\n") + "\n";
}

/** Starts a private postfix accepting mail for `recipients` (all on one domain) into Maildirs. */
export async function startPostfix(recipients: string[]): Promise<PostfixPeer> {
  if (!fs.existsSync(POSTFIX)) throw new Error("The SMTP benchmark compares with Debian's postfix: apt-get install -y postfix (as .ci/run does).");
  const domain = recipients[0]!.split("@")[1]!;
  const uid = Number(execFileSync("id", ["-u", MAIL_OWNER]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", MAIL_OWNER]).toString().trim());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "awan-bench-postfix-"));
  fs.chmodSync(dir, 0o755);
  for (const sub of ["conf", "queue", "data", "maildirs"]) fs.mkdirSync(path.join(dir, sub));
  fs.chownSync(path.join(dir, "data"), uid, gid);
  fs.chownSync(path.join(dir, "maildirs"), uid, gid);
  const port = await freePort();
  const conf = path.join(dir, "conf");
  fs.writeFileSync(path.join(conf, "main.cf"), mainCf(dir, domain, uid, gid));
  fs.writeFileSync(path.join(conf, "master.cf"), masterCf(port));
  // Each person's Maildir, named for their local part (the trailing slash makes it a Maildir).
  fs.writeFileSync(path.join(conf, "mailboxes"), recipients.map((r) => `${r} ${r.split("@")[0]}/\n`).join(""));
  const postfix = (command: string) => execFileSync(POSTFIX, ["-c", conf, command], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  try {
    postfix("check"); // creates the queue's folders with their owners
    postfix("start");
  } catch (error) {
    const log = fs.existsSync(path.join(dir, "postfix.log")) ? fs.readFileSync(path.join(dir, "postfix.log"), "utf8").slice(-3000) : "";
    fs.rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`postfix did not start: ${(error as Error).message}\n${stderr}${log}`);
  }
  const maildirs = path.join(dir, "maildirs");
  const logFile = path.join(dir, "postfix.log");
  return {
    port,
    countDelivered: () =>
      fs.readdirSync(maildirs).reduce((n, box) => {
        const inbox = path.join(maildirs, box, "new");
        return n + (fs.existsSync(inbox) ? fs.readdirSync(inbox).length : 0);
      }, 0),
    logTail: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-3000) : "(no log)"),
    stop: async () => {
      try {
        postfix("stop");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
