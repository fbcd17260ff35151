// The console's HTTP server: Next.js behind a plain Node server, so that the
// client address the backend sees (the last X-Forwarded-For entry) cannot be
// forged. Next's own server keeps a forwarded header the client sent; here it
// is replaced by the socket's address, unless AWAN_TRUST_PROXY says a reverse
// proxy in front appends the address it saw. (Read here, not through a config
// module: this file is the process entry point and nothing else uses it.)
import http from "node:http";
import next from "next";
import { DAV_PATH, handleLiveFeed, handleWebDav, LIVE_FEED_PATH, startInboundSmtp } from "@awan/backend";

const port = Number(process.env.PORT ?? 3000);
const dev = process.env.NODE_ENV === "development";
const trustProxy = process.env.AWAN_TRUST_PROXY === "true";

function setClientAddress(req: http.IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = trustProxy && forwarded ? forwarded : peer;
  if (!trustProxy) {
    delete req.headers["x-real-ip"];
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-host"];
  }
}

function isLiveFeed(url: string | undefined): boolean {
  return url === LIVE_FEED_PATH || url?.startsWith(`${LIVE_FEED_PATH}?`) === true;
}

const app = next({ dev, dir: import.meta.dirname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  setClientAddress(req);
  // WebDAV goes to the backend directly: Next's route handlers never receive PROPFIND, MKCOL, COPY, MOVE or PROPPATCH.
  if (req.url?.startsWith(DAV_PATH)) return void handleWebDav(req, res);
  // A tab's live feed is written to its socket directly (see handleLiveFeed); anything it does not take, tRPC answers.
  if (req.method === "GET" && isLiveFeed(req.url)) {
    return void handleLiveFeed(req, res).then(
      (served) => {
        if (!served) void handle(req, res);
      },
      (error: unknown) => {
        console.error("Live feed failed:", error);
        if (!res.headersSent) void handle(req, res);
        else res.end();
      },
    );
  }
  void handle(req, res);
});
server.listen(port, () => console.log(`Console listening on http://localhost:${port}`));
// A taken port (another console on this machine) leaves this one serving the web, without receiving mail.
const smtp = await startInboundSmtp().catch((error: Error) => void console.error(`Inbound SMTP is off in this process: ${error.message}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => void (smtp ? smtp.close() : Promise.resolve()).finally(() => process.exit(0)));
    server.closeAllConnections();
  });
}
