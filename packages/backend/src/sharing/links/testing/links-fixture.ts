// A visitor without an account, talking to the public link routes over real
// HTTP as a browser does: cookies it was given go back on later requests.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { fromBuffer as openZip } from "yauzl";
import { afterAll, beforeAll } from "vitest";
import { handlePublicLink } from "../public-routes";

export function usePublicLinkServer() {
  let server: http.Server;
  let baseUrl = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const hasBody = req.method === "POST" || req.method === "PUT";
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }) });
      handlePublicLink(request).then(
        (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          if (response.body) Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
          else res.end();
        },
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** A fresh visitor of `token`'s link, with a cookie jar of one cookie. */
  function visitor(token: string) {
    let cookie: string | null = null;
    const request = async (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookie) headers.set("cookie", cookie);
      const response = await fetch(`${baseUrl}/api/public/${token}/${path}`, { ...init, headers });
      const set = response.headers.get("set-cookie");
      if (set) cookie = set.split(";")[0]!;
      return response;
    };
    return {
      request,
      get cookie() {
        return cookie;
      },
      set cookie(value: string | null) {
        cookie = value;
      },
      info: () => request("info"),
      unlock: (password: string) => request("unlock", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password }) }),
      folder: (id?: string) => request(`folder${id ? `?id=${id}` : ""}`),
      content: (fileId: string, headers: Record<string, string> = {}) => request(`items/${fileId}/content`, { headers }),
      zip: (ids?: string[]) => request(`zip${ids ? `?ids=${ids.join(",")}` : ""}`),
      drop: (name: string, content: string | Buffer, type = "text/plain") =>
        request("drop", { method: "POST", headers: { "x-file-name": encodeURIComponent(name), "content-type": type }, body: Buffer.from(content) }),
    };
  }
  return { visitor };
}

/** A zip's entries by path: folders end in "/" and hold nothing. */
export function unzip(buffer: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    openZip(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries: Record<string, string> = {};
      zip.on("entry", (entry: { fileName: string }) => {
        if (entry.fileName.endsWith("/")) {
          entries[entry.fileName] = "";
          return zip.readEntry();
        }
        zip.openReadStream(entry as never, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const parts: Buffer[] = [];
          stream.on("data", (part: Buffer) => parts.push(part));
          stream.on("end", () => {
            entries[entry.fileName] = Buffer.concat(parts).toString();
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}
