// What a WebDAV client's operations do to a person's files, as the console
// shows them: versions, the trash, quotas, names, ranges and listings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/fixtures";
import { dav, hrefsIn } from "./testing/dav-client";
import { basicAuth, davRoot, newDavColleague, newDavOwner, startDavServer, type DavPerson } from "./testing/dav-fixture";

let server: Awaited<ReturnType<typeof startDavServer>>;
beforeAll(async () => {
  server = await startDavServer();
});
afterAll(() => server.close());

const caller = async (who: DavPerson) => (await callerFor(who.userId)).caller;
const topItem = async (who: DavPerson, name: string) => (await (await caller(who)).files.list({ folderId: null })).items.find((i) => i.name === name);

/** A PUT whose body is sent chunked, with no Content-Length. */
async function putChunked(who: DavPerson, path: string, parts: Buffer[]) {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(new Uint8Array(next));
      else controller.close();
    },
  });
  const response = await fetch(`${davRoot(server.baseUrl, who)}${path}`, { method: "PUT", headers: { authorization: basicAuth(who) }, body, duplex: "half" } as RequestInit);
  return { status: response.status, text: await response.text() };
}

describe("WebDAV files", () => {
  it("PUT over an existing file makes a new version the console lists; GET serves the newest, with ranges", async () => {
    const me = await newDavOwner();
    expect((await dav(server.baseUrl, me, "PUT", "notes.txt", { body: "first draft", headers: { "Content-Type": "text/plain" } })).status).toBe(201);
    expect((await dav(server.baseUrl, me, "PUT", "notes.txt", { body: "second draft, longer" })).status).toBe(204);
    const file = await topItem(me, "notes.txt");
    expect((await (await caller(me)).files.versions({ fileId: file!.id })).map((v) => v.size)).toEqual([20, 11]);

    const whole = await dav(server.baseUrl, me, "GET", "notes.txt");
    expect(whole.text).toBe("second draft, longer");
    expect(whole.headers.get("content-disposition")).toMatch(/^attachment/);
    const etag = whole.headers.get("etag")!;
    const part = await dav(server.baseUrl, me, "GET", "notes.txt", { headers: { Range: "bytes=7-11" } });
    expect(part.status).toBe(206);
    expect(part.text).toBe("draft");
    expect(part.headers.get("content-range")).toBe("bytes 7-11/20");
    expect((await dav(server.baseUrl, me, "GET", "notes.txt", { headers: { "If-None-Match": etag } })).status).toBe(304);
    const listed = await dav(server.baseUrl, me, "PROPFIND", "notes.txt", { headers: { Depth: "0" } });
    expect(listed.text).toContain(`<D:getetag>${etag.replace(/"/g, "&quot;")}</D:getetag>`);
    expect(listed.text).toContain("<D:getcontentlength>20</D:getcontentlength>");
  });

  it("DELETE puts a folder in the trash, where the console restores it with its contents", async () => {
    const me = await newDavOwner();
    expect((await dav(server.baseUrl, me, "MKCOL", "Reports")).status).toBe(201);
    expect((await dav(server.baseUrl, me, "PUT", "Reports/q1.txt", { body: "Q1" })).status).toBe(201);
    expect((await dav(server.baseUrl, me, "DELETE", "Reports/")).status).toBe(204);
    expect((await dav(server.baseUrl, me, "PROPFIND", "Reports/", { headers: { Depth: "0" } })).status).toBe(404);
    expect((await dav(server.baseUrl, me, "GET", "Reports/q1.txt")).status).toBe(404);
    expect((await dav(server.baseUrl, me, "DELETE", "Reports/")).status).toBe(404);

    const console = await caller(me);
    const trashed = (await console.files.listTrash()).items.find((i) => i.name === "Reports");
    expect(trashed).toBeDefined();
    await console.files.restore({ itemId: trashed!.id });
    expect((await dav(server.baseUrl, me, "GET", "Reports/q1.txt")).text).toBe("Q1");
  });

  it("a PUT over the quota is refused with 507 before anything is stored, with a Content-Length or chunked", async () => {
    const me = await newDavOwner();
    await (await caller(me)).fileSettings.update({ quotaBytes: null, personQuotaBytes: 1000, keepAllVersionsDays: 30, keepVersionsDays: 365 });
    expect((await dav(server.baseUrl, me, "PUT", "fits.bin", { body: Buffer.alloc(600, 1) })).status).toBe(201);

    const declared = await dav(server.baseUrl, me, "PUT", "too-big.bin", { body: Buffer.alloc(600, 2) });
    expect(declared.status).toBe(507);
    expect(declared.text).toMatch(/quota/);
    const chunked = await putChunked(me, "too-big-chunked.bin", [Buffer.alloc(300, 3), Buffer.alloc(300, 3)]);
    expect(chunked.status).toBe(507);
    expect(chunked.text).toMatch(/quota/);
    const usage = await (await caller(me)).files.usage();
    expect(usage.drive.usedBytes).toBe(600);
    expect(await topItem(me, "too-big.bin")).toBeUndefined();
    expect(await topItem(me, "too-big-chunked.bin")).toBeUndefined();

    // A chunked body that fits is stored whole, and only its own size counts.
    expect((await putChunked(me, "chunked.bin", [Buffer.from("in "), Buffer.from("three "), Buffer.from("parts")])).status).toBe(201);
    expect((await dav(server.baseUrl, me, "GET", "chunked.bin")).text).toBe("in three parts");
    expect((await (await caller(me)).files.usage()).drive.usedBytes).toBe(614);
  });

  it("names the files rules refuse get their message; a PUT into a missing folder is 409", async () => {
    const me = await newDavOwner();
    const newline = await dav(server.baseUrl, me, "PUT", "two%0Alines.txt", { body: "x" });
    expect(newline.status).toBe(400);
    expect(newline.text).toMatch(/control characters/);
    const long = await dav(server.baseUrl, me, "MKCOL", encodeURIComponent("é".repeat(200)));
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/at most 255 bytes/);
    expect((await dav(server.baseUrl, me, "PUT", "missing/file.txt", { body: "x" })).status).toBe(409);
    expect((await (await caller(me)).files.list({ folderId: null })).items).toEqual([]);
  });

  it("PROPFIND refuses Depth: infinity with propfind-finite-depth, and lists depth 1 with escaped hrefs", async () => {
    const me = await newDavOwner();
    const infinite = await dav(server.baseUrl, me, "PROPFIND", "", { headers: { Depth: "infinity" } });
    expect(infinite.status).toBe(403);
    expect(infinite.text).toContain("<D:propfind-finite-depth/>");
    expect((await dav(server.baseUrl, me, "MKCOL", encodeURIComponent("Ünï & <co>"))).status).toBe(201);
    expect((await dav(server.baseUrl, me, "PUT", `${encodeURIComponent("Ünï & <co>")}/${encodeURIComponent("a b#c.txt")}`, { body: "x" })).status).toBe(201);
    const listed = await dav(server.baseUrl, me, "PROPFIND", `${encodeURIComponent("Ünï & <co>")}/`, { headers: { Depth: "1" } });
    expect(listed.status).toBe(207);
    expect(hrefsIn(listed.text.replace(/&amp;/g, "&"))).toEqual([`/dav/files/${me.email}/Ünï & <co>/`, `/dav/files/${me.email}/Ünï & <co>/a b#c.txt`]);
    expect(listed.text).toContain("<D:displayname>a b#c.txt</D:displayname>");
  });

  it("MOVE renames and moves in one step; the console sees the result and its activity", async () => {
    const me = await newDavOwner();
    expect((await dav(server.baseUrl, me, "MKCOL", "Archive")).status).toBe(201);
    expect((await dav(server.baseUrl, me, "PUT", "draft.txt", { body: "moved" })).status).toBe(201);
    const moved = await dav(server.baseUrl, me, "MOVE", "draft.txt", { headers: { Destination: `${davRoot(server.baseUrl, me)}Archive/final.txt` } });
    expect(moved.status).toBe(201);
    expect((await dav(server.baseUrl, me, "GET", "Archive/final.txt")).text).toBe("moved");
    expect(await topItem(me, "draft.txt")).toBeUndefined();
  });

  it("guests have no files of their own over WebDAV either", async () => {
    const owner = await newDavOwner();
    const guest = await newDavColleague(owner, "GUEST");
    const answer = await dav(server.baseUrl, guest, "PROPFIND", "", { headers: { Depth: "0" } });
    expect(answer.status).toBe(403);
    expect(answer.text).toMatch(/Guests have no files of their own/);
    expect((await dav(server.baseUrl, guest, "PUT", "planted.txt", { body: "x" })).status).toBe(403);
  });
});
