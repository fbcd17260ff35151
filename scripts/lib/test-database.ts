import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { prepareDatabase, type PreparedDatabase } from "@awan/db/launcher";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh embedded PostgreSQL for one test run, migrated, in a temporary
 * directory that `stop` removes. World-traversable so that, as root, the
 * `postgres` system user can reach it.
 */
export async function startTestDatabase(): Promise<PreparedDatabase & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "awan-test-"));
  fs.chmodSync(dataDir, 0o755);
  const database = await prepareDatabase({
    ownerUrl: undefined,
    appUrl: undefined,
    dataDir,
    embeddedPort: await freePort(),
  });
  return {
    ...database,
    dataDir,
    stop: async () => {
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
