// `npm test`: every suite in one run, against one PostgreSQL started for it.
//   typecheck → unit + integration (vitest) → benchmarks (smoke) → build the console → e2e (Playwright, Chromium)
// Ends with one line "N passed, N failed" totalling every suite.
//   --only typecheck|unit|bench|e2e   run one suite. The console is built when its code changed.
//   npm run e2e -- sharing.spec.ts     only the named Playwright specs.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "@awan/db/launcher";
import { ensureProgram } from "./lib/debian-packages";
import { buildConsole, exitCode, isConsoleBuildCurrent, serveConsole } from "./lib/console-process";
import { consoleEnv } from "./lib/runtime-env";
import { readPlaywrightReport, readVitestReport, type SuiteResult } from "./lib/suite-results";
import { freePort, startTestDatabase } from "./lib/test-database";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const specs = args.filter((arg) => arg.endsWith(".spec.ts"));
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "awan-reports-"));

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, commandArgs, { cwd: REPO_ROOT, env, stdio: "inherit" });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

const bin = (name: string) => path.join(REPO_ROOT, "node_modules/.bin", name);

async function runUnit(env: NodeJS.ProcessEnv): Promise<SuiteResult> {
  ensureProgram("litmus");
  ensureProgram("rclone");
  const file = path.join(reports, "vitest.json");
  await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], env);
  return readVitestReport("unit + integration", file);
}

/** The type checker over every package, scripts and tests: one result. */
async function runTypecheck(env: NodeJS.ProcessEnv): Promise<SuiteResult> {
  const code = await run("npm", ["run", "--silent", "typecheck"], env);
  return { name: "typecheck", passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

/** Every benchmark, briefly, so none rots; one result per benchmark run. */
async function runBenchSmoke(env: NodeJS.ProcessEnv): Promise<SuiteResult> {
  ensureProgram("nginx");
  const code = await run(bin("tsx"), ["bench/run.ts", "--smoke"], env);
  return { name: "bench (smoke)", passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
}

async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The console did not become healthy at ${url} within ${timeoutMs / 1000} s.`);
}

async function runE2e(env: NodeJS.ProcessEnv, dataDir: string, appUrl: string): Promise<SuiteResult> {
  ensureProgram("chromium");
  const port = await freePort();
  // Its inbound SMTP on a port of its own, which mail specs deliver to.
  const smtpPort = await freePort();
  // Mail to other domains goes to a smarthost the outbound spec starts on this port.
  const relayPort = await freePort();
  const serverEnv = { ...consoleEnv({ dataDir, appUrl, port }), SMTP_PORT: String(smtpPort), SMTP_RELAY_URL: `smtp://127.0.0.1:${relayPort}` };
  if (!isConsoleBuildCurrent()) await buildConsole(serverEnv);
  const server = serveConsole({ ...serverEnv, NODE_ENV: "production" });
  try {
    const baseUrl = `http://localhost:${port}`;
    await waitForHealth(baseUrl);
    const file = path.join(reports, "playwright.json");
    await run(bin("playwright"), ["test", "--reporter=list,json", ...specs], {
      ...env,
      AWAN_E2E_BASE_URL: baseUrl,
      AWAN_E2E_SMTP_PORT: String(smtpPort),
      AWAN_E2E_RELAY_PORT: String(relayPort),
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    });
    return readPlaywrightReport("e2e (Chromium)", file);
  } finally {
    server.kill("SIGTERM");
    await exitCode(server);
  }
}

async function main(): Promise<number> {
  const database = await startTestDatabase();
  const env = { ...process.env, DATABASE_URL: database.ownerUrl, DATABASE_APP_URL: database.appUrl };
  const results: SuiteResult[] = [];
  try {
    if (only === undefined || only === "typecheck") results.push(await runTypecheck(env));
    if (only === undefined || only === "unit") results.push(await runUnit(env));
    if (only === undefined || only === "e2e") {
      results.push(
        await runE2e(env, database.dataDir, database.appUrl).catch((error: Error) => {
          console.error(`\ne2e could not run: ${error.message}`);
          return { name: "e2e (Chromium)", passed: 0, failed: 1, skipped: 0 };
        }),
      );
    }
    // After e2e: the files benchmark serves the console build that e2e made.
    if (only === undefined || only === "bench") results.push(await runBenchSmoke(env));
  } finally {
    await database.stop();
    fs.rmSync(reports, { recursive: true, force: true });
  }
  console.log("");
  for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  // A skipped test is a test that does not run: the project allows none.
  const failed = results.reduce((n, r) => n + r.failed + r.skipped, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
