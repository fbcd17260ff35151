// The floor for the chat benchmark: the least a Node process can do to fan a
// message out over server-sent events. GET /events keeps a stream open;
// POST /send {id, text} writes one `data:` event to every open stream, then
// answers 204. No framework, no database, no authentication, no encryption.
// Run as its own process (as the console is): prints "listening <port>".
import http from "node:http";

const streams = new Set<http.ServerResponse>();

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (part: string) => (body += part));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/events") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.write("event: connected\ndata: {}\n\n");
    streams.add(res);
    res.on("close", () => streams.delete(res));
    return;
  }
  if (req.method === "POST" && req.url === "/send") {
    readBody(req).then(
      (body) => {
        const { id, text } = JSON.parse(body) as { id: string; text: string };
        const event = `data: ${JSON.stringify({ id, text })}\n\n`;
        for (const stream of streams) stream.write(event);
        res.writeHead(204).end();
      },
      () => res.writeHead(400).end(),
    );
    return;
  }
  res.writeHead(404).end();
});

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  console.log(`listening ${port}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
