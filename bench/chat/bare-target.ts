// The bare broadcaster (bare-broadcaster.ts) in its own process, as the
// fan-out run drives it: the same client, agents and message texts as the product.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { exitCode } from "../../scripts/lib/console-process";
import type { ChatTarget } from "./fan-out";

export type BareBroadcaster = { target: ChatTarget; pid: number; stop: () => Promise<void> };

export async function startBareBroadcaster(): Promise<BareBroadcaster> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "bare-broadcaster.ts")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (part: string) => {
      out += part;
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`The bare broadcaster exited (${code}) before listening.`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let sequence = 0;
  return {
    pid: child.pid!,
    target: {
      name: "bare Node SSE broadcaster",
      stream: () => ({ url: `${base}/events`, headers: {} }),
      read: (event) => {
        const { text } = JSON.parse(event.data) as { text?: string };
        return text === undefined ? { other: "unknown" } : { text };
      },
      send: (_, text) => post(agent, `${base}/send`, JSON.stringify({ id: String(sequence++), text })),
    },
    stop: async () => {
      agent.destroy();
      child.kill("SIGTERM");
      await exitCode(child);
    },
  };
}

function post(agent: http.Agent, url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 204 ? resolve() : reject(new Error(`bare broadcaster: HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}
