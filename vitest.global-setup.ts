import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startTestDatabase } from "./scripts/lib/test-database";

/**
 * Integration tests run against a real PostgreSQL. `npm test` starts one for
 * the whole run and passes it in the environment; `npx vitest` alone starts
 * its own here. Workers receive it through `provide` (see vitest.setup.ts).
 */
export default async function setup(project: TestProject) {
  const authSecret = process.env.NEXTAUTH_SECRET ?? crypto.randomBytes(32).toString("base64url");
  // Storage nodes and key files of the run, never the developer's own .awan.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "awan-test-data-"));
  const { DATABASE_URL, DATABASE_APP_URL } = process.env;
  if (DATABASE_URL && DATABASE_APP_URL) {
    project.provide("testEnv", { ownerUrl: DATABASE_URL, appUrl: DATABASE_APP_URL, authSecret, dataDir });
    return () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const database = await startTestDatabase();
  project.provide("testEnv", { ownerUrl: database.ownerUrl, appUrl: database.appUrl, authSecret, dataDir });
  return async () => {
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: { ownerUrl: string; appUrl: string; authSecret: string; dataDir: string };
  }
}
