// The one HTTP client the HTTP benchmarks measure with, so each server is
// driven the same way: keep-alive, a bounded number of sockets, bodies
// streamed with backpressure and replies counted rather than kept.
import http from "node:http";

export type Reply = { status: number; headers: http.IncomingHttpHeaders; bytes: number };
export type Body = Buffer | Iterable<Buffer>;

export type HttpClient = {
  request(url: string, method: string, headers?: Record<string, string>, body?: Body): Promise<Reply>;
  /** Closes the kept-alive sockets; call once the benchmark is done. */
  close(): void;
};

export function httpClient(maxSockets: number): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    request: (url, method, headers = {}, body) =>
      new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers, agent }, (res) => {
          let bytes = 0;
          res.on("data", (part: Buffer) => (bytes += part.length));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
          res.on("error", reject);
        });
        req.on("error", reject);
        if (!body) return void req.end();
        if (Buffer.isBuffer(body)) return void req.end(body);
        const parts = body[Symbol.iterator]();
        const pump = () => {
          for (let next = parts.next(); !next.done; next = parts.next()) if (!req.write(next.value)) return void req.once("drain", pump);
          req.end();
        };
        pump();
      }),
    close: () => agent.destroy(),
  };
}

export function expectStatus(reply: Reply, expected: number[], what: string): Reply {
  if (!expected.includes(reply.status)) throw new Error(`${what}: HTTP ${reply.status}, expected ${expected.join(" or ")}`);
  return reply;
}

/** Waits until `url` answers without a server error (a server just started, or still starting). */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await fetch(url).then((r) => r.status < 500, () => false);
    if (up) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
