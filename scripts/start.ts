// `npm start`: the whole product on one machine. Starts (or connects to) PostgreSQL,
// applies migrations, builds the console if needed and serves it; Ctrl-C stops all.
import fs from "node:fs";
import path from "node:path";
import { runStorageTask } from "@awan/backend/storage";
import { prepareDatabase, readDbConfig } from "@awan/db/launcher";
import { buildConsole, exitCode, isConsoleBuildCurrent, serveConsole } from "./lib/console-process";
import { acquireInstanceLock } from "./lib/instance-lock";
import { consoleEnv } from "./lib/runtime-env";

const dev = process.argv.includes("--dev");

async function main(): Promise<number> {
  const config = readDbConfig();
  const releaseLock = acquireInstanceLock(config.dataDir);
  const logDir = path.join(config.dataDir, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const pgLog = fs.createWriteStream(path.join(logDir, "postgres.log"), { flags: "a" });

  let stopDatabase = async () => {};
  try {
    console.log(config.ownerUrl ? "Using the PostgreSQL at DATABASE_URL." : `Starting PostgreSQL (data in ${path.join(config.dataDir, "pg")})…`);
    const database = await prepareDatabase(config, { log: (line) => pgLog.write(`${line}\n`) });
    stopDatabase = database.stop;
    console.log("Database ready; migrations applied.");
    // Nothing writes yet: the moment to clear what a crash may have left in storage.
    const sweep = await runStorageTask("sweep", database.appUrl);
    console.log(`Storage checked: ${JSON.stringify(sweep)}`);

    const env = consoleEnv({ dataDir: config.dataDir, appUrl: database.appUrl });
    if (!dev && !isConsoleBuildCurrent()) {
      console.log("Building the console (on first start, and after the code changed)…");
      await buildConsole(env);
    }
    const next = serveConsole({ ...env, NODE_ENV: dev ? "development" : "production" });
    console.log(`Awan is starting on ${env.AWAN_PUBLIC_URL} — press Ctrl-C to stop.`);

    // Ctrl-C reaches the whole process group; forward other stop signals to the console.
    let stopping = false;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        if (!stopping) console.log("\nStopping Awan…");
        stopping = true;
        next.kill("SIGTERM");
      });
    }
    const code = await exitCode(next);
    return stopping ? 0 : code;
  } finally {
    await stopDatabase();
    pgLog.end();
    releaseLock();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`\n${error.message}`);
    if (error.cause) console.error(error.cause);
    process.exit(1);
  },
);
