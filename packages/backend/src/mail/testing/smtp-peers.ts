// Real SMTP clients for tests: swaks (Debian) and a fake DNS for SPF/DKIM/DMARC.
import { execFile } from "node:child_process";
import type { DNSResolver } from "../message-authentication";

export type SwaksResult = { code: number; output: string };

/** Runs swaks against 127.0.0.1:port; resolves with its exit code and transcript (never rejects on an SMTP refusal). */
export function swaks(port: number, args: string[]): Promise<SwaksResult> {
  return new Promise((resolve, reject) => {
    execFile("swaks", ["--server", "127.0.0.1", "--port", String(port), "--helo", "client.example.org", "--timeout", "60", ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** DNS as the public internet would answer for these records (TXT only); everything else does not exist. */
export function fakeDns(txt: Record<string, string> = {}): DNSResolver {
  return async (name, rrtype) => {
    const record = txt[name.toLowerCase()];
    if (rrtype === "TXT" && record !== undefined) return [[record]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  };
}
