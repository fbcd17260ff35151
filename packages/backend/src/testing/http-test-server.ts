// Serves a fetch-style route handler (Request in, Response out) over real
// HTTP on a loopback port, as Next.js serves it in the console, so tests talk
// to it the way a browser or a sync client does: streamed bodies, ranges, cookies.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

export type LoopbackServer = { baseUrl: string; close: () => Promise<void> };

export function startHttpTestServer(handle: (request: Request) => Promise<Response>): Promise<LoopbackServer> {
  return startLoopbackServer((req, res) => {
    const hasBody = req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS";
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }) });
    handle(request).then(
      (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
        else res.end();
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
}

/** A Node request listener (one that takes Node's request and response, as WebDAV does) on a loopback port. */
export async function startLoopbackServer(listener: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
