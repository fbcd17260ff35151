// A visitor without an account, talking to the public link routes over real
// HTTP as a browser does: cookies it was given go back on later requests.
import { afterAll, beforeAll } from "vitest";
import { startHttpTestServer } from "../../../testing/http-test-server";
import { handlePublicLink } from "../public-routes";

export function usePublicLinkServer() {
  let server: Awaited<ReturnType<typeof startHttpTestServer>>;
  beforeAll(async () => {
    server = await startHttpTestServer(handlePublicLink);
  });
  afterAll(() => server.close());

  /** A fresh visitor of `token`'s link, with a cookie jar of one cookie. */
  function visitor(token: string) {
    let cookie: string | null = null;
    const request = async (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookie) headers.set("cookie", cookie);
      const response = await fetch(`${server.baseUrl}/api/public/${token}/${path}`, { ...init, headers });
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
