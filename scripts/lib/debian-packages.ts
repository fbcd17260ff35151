import { execFileSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Programs the tests run for real, from Debian's packages: Chromium for the
 * browser tests (Playwright's own download is not reachable here), litmus
 * and rclone as the WebDAV server's real peers, nginx with WebDAV as the
 * benchmarks' peer. As root they are installed with apt; otherwise we say how.
 */
const PROGRAMS = {
  chromium: { path: CHROMIUM, apt: "chromium", for: "the browser tests" },
  nginx: { path: "/usr/sbin/nginx", apt: "nginx-extras", for: "the files and WebDAV benchmarks" },
  litmus: { path: "/usr/bin/litmus", apt: "litmus", for: "the WebDAV compliance tests" },
  rclone: { path: "/usr/bin/rclone", apt: "rclone", for: "the WebDAV client tests and benchmark" },
} as const;

export function ensureProgram(name: keyof typeof PROGRAMS): void {
  const program = PROGRAMS[name];
  if (fs.existsSync(program.path)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${name} is needed for ${program.for}. Install it with: sudo apt-get install -y ${program.apt}`);
  }
  console.log(`Installing Debian's ${program.apt} for ${program.for}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", program.apt], { stdio: "inherit", env });
}
