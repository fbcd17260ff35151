import path from "node:path";
import { z } from "zod";
import packageJson from "../../../package.json" with { type: "json" };

// The only place in @awan/backend that reads process.env. Read lazily: the
// console's build imports this package without a running database.
const Env = z.object({
  DATABASE_APP_URL: z.url({ error: "DATABASE_APP_URL must be a postgresql:// URL (npm start sets it)" }),
  NEXTAUTH_SECRET: z.string().min(32, { error: "NEXTAUTH_SECRET must be at least 32 characters (npm start creates one)" }),
  AWAN_PUBLIC_URL: z.url().default("http://localhost:3000"),
  AWAN_ALLOW_SIGNUP: z.enum(["true", "false"]).default("true"),
});

export type BackendConfig = {
  databaseUrl: string;
  authSecret: string;
  publicUrl: URL;
  /** Whether anyone may create an account and organization, or only invited people. */
  allowSignUp: boolean;
  version: string;
};

let cached: BackendConfig | undefined;

export function getConfig(): BackendConfig {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) throw new Error(`Awan is misconfigured:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  cached = {
    databaseUrl: e.DATABASE_APP_URL,
    authSecret: e.NEXTAUTH_SECRET,
    publicUrl: new URL(e.AWAN_PUBLIC_URL),
    allowSignUp: e.AWAN_ALLOW_SIGNUP === "true",
    version: packageJson.version,
  };
  return cached;
}

/** Whether the sign-up page offers new accounts (else only invite links do). */
export function isSignUpOpen(): boolean {
  return getConfig().allowSignUp;
}

const StorageEnv = z.object({
  AWAN_DATA_DIR: z.string().default(".awan"),
  /** Comma-separated `id=path` (or paths, named by their last segment). */
  AWAN_STORAGE_NODES: z.string().optional(),
  /** How many replicas must be durable before a write is acknowledged: a number, or `all`. */
  AWAN_WRITE_QUORUM: z.union([z.literal("all"), z.coerce.number().int().min(1)]).default("all"),
  /** Base64 of 32 bytes. Unset: a key file created under the data dir on first start. */
  AWAN_MASTER_KEY: z.string().optional(),
  /** A read slower than this marks its node degraded. */
  AWAN_NODE_LATENCY_SLO_MS: z.coerce.number().int().min(1).default(250),
  /** A replica read that takes longer fails over to the next replica. */
  AWAN_READ_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  AWAN_SCRUB_INTERVAL_HOURS: z.coerce.number().positive().default(24),
});

export type StorageNodeSpec = { id: string; location: string };
export type StorageConfig = {
  dataDir: string;
  nodes: StorageNodeSpec[];
  writeQuorum: number | "all";
  masterKey: string | undefined;
  latencySloMs: number;
  readTimeoutMs: number;
  scrubIntervalHours: number;
};

export function parseStorageNodes(value: string): StorageNodeSpec[] {
  const nodes = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf("=");
      const location = eq > 0 ? entry.slice(eq + 1) : entry;
      const id = eq > 0 ? entry.slice(0, eq) : path.basename(location);
      if (!/^[a-z0-9][a-z0-9-]{0,31}$/i.test(id)) throw new Error(`AWAN_STORAGE_NODES: "${id}" is not a valid node id (letters, digits, dashes).`);
      return { id, location: path.resolve(location) };
    });
  if (nodes.length === 0) throw new Error("AWAN_STORAGE_NODES lists no node.");
  if (new Set(nodes.map((n) => n.id)).size !== nodes.length) throw new Error("AWAN_STORAGE_NODES names a node twice.");
  return nodes;
}

export function getStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const parsed = StorageEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Storage is misconfigured:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const dataDir = path.resolve(e.AWAN_DATA_DIR);
  const nodes = parseStorageNodes(e.AWAN_STORAGE_NODES ?? `a=${path.join(dataDir, "nodes/a")},b=${path.join(dataDir, "nodes/b")}`);
  if (typeof e.AWAN_WRITE_QUORUM === "number" && e.AWAN_WRITE_QUORUM > nodes.length) {
    throw new Error(`AWAN_WRITE_QUORUM is ${e.AWAN_WRITE_QUORUM}, but only ${nodes.length} storage nodes are configured.`);
  }
  return {
    dataDir,
    nodes,
    writeQuorum: e.AWAN_WRITE_QUORUM,
    masterKey: e.AWAN_MASTER_KEY,
    latencySloMs: e.AWAN_NODE_LATENCY_SLO_MS,
    readTimeoutMs: e.AWAN_READ_TIMEOUT_MS,
    scrubIntervalHours: e.AWAN_SCRUB_INTERVAL_HOURS,
  };
}

const FilesEnv = z.object({
  /** The largest file one upload may declare, in bytes. */
  AWAN_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).default(16 * 1024 ** 3),
  /** An upload nobody resumed for this long is dropped and its bytes freed. */
  AWAN_UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().default(24),
  /** Items in the trash longer than this are deleted for good. */
  AWAN_TRASH_DAYS: z.coerce.number().positive().default(30),
});

export type FilesConfig = { maxUploadBytes: number; uploadExpiryHours: number; trashDays: number };

export function getFilesConfig(env: NodeJS.ProcessEnv = process.env): FilesConfig {
  const parsed = FilesEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Files are misconfigured:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return { maxUploadBytes: e.AWAN_MAX_UPLOAD_BYTES, uploadExpiryHours: e.AWAN_UPLOAD_EXPIRY_HOURS, trashDays: e.AWAN_TRASH_DAYS };
}

const MailEnv = z.object({
  /** Every organization's default mail domain is `<slug>.<this>`. */
  AWAN_MAIL_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i, { error: "AWAN_MAIL_DOMAIN must be a domain name" }).default("awan.localhost"),
  /** Port of the inbound SMTP server; 0 turns it off. */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Name the SMTP server greets with and signs bounces as. */
  SMTP_HOSTNAME: z.string().optional(),
  /** PEM files for STARTTLS; without them STARTTLS is not offered. */
  SMTP_TLS_CERT: z.string().optional(),
  SMTP_TLS_KEY: z.string().optional(),
  /** Smarthost for mail to other domains, e.g. smtp://user:pass@relay:587; unset: such mail stays queued. */
  SMTP_RELAY_URL: z.url().optional(),
});

export type MailConfig = {
  defaultDomainSuffix: string;
  smtpPort: number;
  hostname: string;
  tls: { certFile: string; keyFile: string } | undefined;
  relayUrl: URL | undefined;
};

export function getMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = MailEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Mail is misconfigured:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (Boolean(e.SMTP_TLS_CERT) !== Boolean(e.SMTP_TLS_KEY)) throw new Error("Mail is misconfigured: set both SMTP_TLS_CERT and SMTP_TLS_KEY, or neither.");
  const suffix = e.AWAN_MAIL_DOMAIN.toLowerCase();
  return {
    defaultDomainSuffix: suffix,
    smtpPort: e.SMTP_PORT,
    hostname: e.SMTP_HOSTNAME ?? `mail.${suffix}`,
    tls: e.SMTP_TLS_CERT && e.SMTP_TLS_KEY ? { certFile: e.SMTP_TLS_CERT, keyFile: e.SMTP_TLS_KEY } : undefined,
    relayUrl: e.SMTP_RELAY_URL ? new URL(e.SMTP_RELAY_URL) : undefined,
  };
}
