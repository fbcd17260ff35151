import { defineConfig, devices } from "@playwright/test";

// Run through `npm test` or `npm run e2e`, which start PostgreSQL and the built
// console and pass its address here.
const baseURL = process.env.AWAN_E2E_BASE_URL;
if (!baseURL) throw new Error("Run the browser tests with `npm run e2e` (it starts the console for them).");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these Chromium keeps dialing Google's services, which a closed network refuses.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /npm-start\.spec\.ts/ },
    // Starts and stops whole consoles from the same build: run after the
    // browser specs, so that nothing they do shares the machine with those.
    { name: "npm start", testMatch: /npm-start\.spec\.ts/, dependencies: ["chromium"] },
  ],
});
