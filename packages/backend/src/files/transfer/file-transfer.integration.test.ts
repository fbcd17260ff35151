import crypto from "node:crypto";
import http from "node:http";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileNamed, get, sha256, transferPerson, tusUpload, type Person } from "../testing/transfer-client";
import { startTransferServer } from "../testing/transfer-server";
import { unzip } from "../../testing/unzip";

const MiB = 1024 * 1024;

let server: Awaited<ReturnType<typeof startTransferServer>>;
beforeAll(async () => {
  server = await startTransferServer();
});
afterAll(() => server.close());
const person = (existing?: { organizationId: string; ownerId: string }) => transferPerson(server.baseUrl, existing);

describe("file transfer: tus uploads", () => {
  it("uploads in several requests and downloads the same bytes back", async () => {
    const me = await person();
    const data = crypto.randomBytes(9 * MiB + 12_345);
    // PATCHes of 3 MiB do not line up with the engine's 4 MiB chunks.
    await tusUpload(me, "big.bin", data, { chunkSize: 3 * MiB });
    const file = await fileNamed(me, "big.bin");
    expect(file.size).toBe(data.length);
    const response = await get(me, `/items/${file.id}/content`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(data));
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(data.length);
  });

  it("resumes an interrupted upload from the stored offset", async () => {
    const me = await person();
    const data = crypto.randomBytes(12 * MiB + 1);
    const created = await fetch(`${me.base}/uploads`, {
      method: "POST",
      headers: { ...me.headers, "Tus-Resumable": "1.0.0", "Upload-Length": String(data.length), "Upload-Metadata": `name ${Buffer.from("resumed.bin").toString("base64")}` },
    });
    expect(created.status).toBe(201);
    const uploadUrl = new URL(created.headers.get("location")!, me.base).href;

    // The connection drops after 6 MiB of the body, as when a laptop closes.
    await new Promise<void>((resolve) => {
      const request = http.request(uploadUrl, {
        method: "PATCH",
        headers: { ...me.headers, "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream", "Content-Length": String(data.length) },
      });
      request.on("error", () => resolve());
      request.write(data.subarray(0, 6 * MiB), () => setTimeout(() => request.destroy(), 200));
    });

    // The server keeps what arrived; the client asks where to resume once it is stored.
    const offsetNow = async () =>
      Number((await fetch(uploadUrl, { method: "HEAD", headers: { ...me.headers, "Tus-Resumable": "1.0.0" } })).headers.get("upload-offset"));
    let offset = -1;
    for (let previous = -2; offset !== previous || offset <= 0; ) {
      await new Promise((r) => setTimeout(r, 200));
      [previous, offset] = [offset, await offsetNow()];
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(6 * MiB);

    let firstSent = -1;
    await tusUpload(me, "resumed.bin", data, { uploadUrl, onProgress: (sent) => (firstSent = firstSent < 0 ? sent : firstSent) });
    expect(firstSent).toBeGreaterThanOrEqual(offset); // it went on from there rather than starting over
    const file = await fileNamed(me, "resumed.bin");
    expect(sha256(Buffer.from(await (await get(me, `/items/${file.id}/content`)).arrayBuffer()))).toBe(sha256(data));
  });

  it("replaces as a new version, keeps both, or refuses a taken name, as asked", async () => {
    const me = await person();
    await tusUpload(me, "notes.txt", Buffer.from("first"));
    await expect(tusUpload(me, "notes.txt", Buffer.from("second"))).rejects.toThrow(/409/);
    await tusUpload(me, "notes.txt", Buffer.from("second"), { onConflict: "REPLACE" });
    await tusUpload(me, "notes.txt", Buffer.from("third"), { onConflict: "KEEP_BOTH" });
    const file = await fileNamed(me, "notes.txt");
    expect(await (await get(me, `/items/${file.id}/content`)).text()).toBe("second");
    const versions = await me.caller.files.versions({ fileId: file.id });
    expect(versions.map((v) => v.current)).toEqual([true, false]);
    expect(await (await get(me, `/items/${file.id}/content?version=${versions[1]!.id}`)).text()).toBe("first");
    expect(await (await get(me, `/items/${(await fileNamed(me, "notes (2).txt")).id}/content`)).text()).toBe("third");
  });

  it("refuses hostile names and oversized declarations before any byte is stored", async () => {
    const me = await person();
    for (const [name, message] of [
      ["../../etc/passwd", "contains “/”"],
      ["..", "cannot be used as a name"],
      ["a\u0000b", "control characters"],
      ["n".repeat(300), "at most 255 bytes"],
    ] as const) {
      await expect(tusUpload(me, name, Buffer.from("x"))).rejects.toThrow(message);
    }
    const huge = await fetch(`${me.base}/uploads`, {
      method: "POST",
      headers: { ...me.headers, "Tus-Resumable": "1.0.0", "Upload-Length": String(2 ** 50), "Upload-Metadata": `name ${Buffer.from("huge.iso").toString("base64")}` },
    });
    expect(huge.status).toBe(400);
    expect(await huge.text()).toMatch(/files can be at most/);
    const badFolder = await fetch(`${me.base}/uploads`, {
      method: "POST",
      headers: { ...me.headers, "Tus-Resumable": "1.0.0", "Upload-Length": "1", "Upload-Metadata": `name ${Buffer.from("a.txt").toString("base64")},folderId ${Buffer.from("not-an-id").toString("base64")}` },
    });
    expect(badFolder.status).toBe(400);
    expect((await me.caller.files.list({ folderId: null })).items).toEqual([]);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(0);
  });

  it("lets only one of two uploads through when together they exceed the quota", async () => {
    const owner = await person();
    await owner.caller.fileSettings.update({ quotaBytes: null, personQuotaBytes: 10 * MiB, keepAllVersionsDays: 30, keepVersionsDays: 365 });
    const create = () =>
      fetch(`${owner.base}/uploads`, {
        method: "POST",
        headers: { ...owner.headers, "Tus-Resumable": "1.0.0", "Upload-Length": String(6 * MiB), "Upload-Metadata": `name ${Buffer.from(crypto.randomUUID()).toString("base64")}` },
      });
    const statuses = (await Promise.all(Array.from({ length: 4 }, create))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 413, 413, 413]);
    const refused = await create();
    expect(await refused.text()).toMatch(/quota/);
  });
});

describe("file transfer: downloads", () => {
  const data = crypto.randomBytes(5 * MiB + 99);
  let me: Person;
  let fileId: string;
  beforeAll(async () => {
    me = await person();
    await tusUpload(me, "Café “quotes” 東京.bin", data);
    fileId = (await fileNamed(me, "Café “quotes” 東京.bin")).id;
  });

  it("serves the start, the middle and a suffix as 206, and refuses a range past the end with 416", async () => {
    const cases: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      ["bytes=4194300-4194400", 4194300, 4194400], // across the chunk boundary
      [`bytes=-1000`, data.length - 1000, data.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await get(me, `/items/${fileId}/content`, { range });
      expect(response.status, range).toBe(206);
      expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${data.length}`);
      expect(Buffer.from(await response.arrayBuffer()).equals(data.subarray(start, end + 1)), range).toBe(true);
    }
    const past = await get(me, `/items/${fileId}/content`, { range: `bytes=${data.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${data.length}`);
  });

  it("answers a matching ETag with 304 and names any Unicode file per RFC 6266", async () => {
    const first = await get(me, `/items/${fileId}/content`, { range: "bytes=0-0" });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await get(me, `/items/${fileId}/content`, { "if-none-match": etag })).status).toBe(304);
    const disposition = first.headers.get("content-disposition")!;
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe("Café “quotes” 東京.bin");
  });

  it("answers links with mangled ids with 400, not a server error", async () => {
    expect((await get(me, `/items/${fileId}/content?version=not-an-id`)).status).toBe(400);
    expect((await get(me, `/zip?ids=${fileId},abc`)).status).toBe(400);
    expect(await (await get(me, `/zip?ids=abc`)).text()).toContain("copied whole");
  });

  it("zips a folder with everything in it", async () => {
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Project" });
    const sub = await me.caller.files.createFolder({ parentId: folder.id, name: "Drafts" });
    const contents = { "Project/readme.md": Buffer.from("# Project\n"), "Project/Drafts/a.bin": crypto.randomBytes(4 * MiB + 3), "Project/empty.txt": Buffer.alloc(0) };
    await tusUpload(me, "readme.md", contents["Project/readme.md"], { folderId: folder.id });
    await tusUpload(me, "a.bin", contents["Project/Drafts/a.bin"], { folderId: sub.id });
    await tusUpload(me, "empty.txt", contents["Project/empty.txt"], { folderId: folder.id });

    const response = await get(me, `/zip?ids=${folder.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(`filename="Project.zip"`);
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(["Project/", "Project/Drafts/", "Project/Drafts/a.bin", "Project/empty.txt", "Project/readme.md"]);
    for (const [path, bytes] of Object.entries(contents)) expect(sha256(entries[path]!), path).toBe(sha256(bytes));
  });
});

describe("file transfer: thumbnails", () => {
  it("makes a small WebP of an image, and none of anything else", async () => {
    const me = await person();
    const png = await sharp({ create: { width: 1000, height: 500, channels: 3, background: "#3366cc" } }).png().toBuffer();
    await tusUpload(me, "wide.png", png, { contentType: "image/png" });
    await tusUpload(me, "broken.png", Buffer.from("not a picture"), { contentType: "image/png" });
    await tusUpload(me, "notes.txt", Buffer.from("hello"), { contentType: "text/plain" });

    const thumbnail = await get(me, `/items/${(await fileNamed(me, "wide.png")).id}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    const { width, height, format } = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect({ width, height, format }).toEqual({ width: 256, height: 128, format: "webp" });
    expect((await get(me, `/items/${(await fileNamed(me, "wide.png")).id}/thumbnail`, { "if-none-match": thumbnail.headers.get("etag")! })).status).toBe(304);

    expect((await get(me, `/items/${(await fileNamed(me, "broken.png")).id}/thumbnail`)).status).toBe(404);
    expect((await get(me, `/items/${(await fileNamed(me, "notes.txt")).id}/thumbnail`)).status).toBe(404);
  });
});

describe("file transfer: isolation", () => {
  it("gives another organization, and another person of the same one, nothing but 404", async () => {
    const me = await person();
    await tusUpload(me, "private.txt", Buffer.from("mine"));
    const fileId = (await fileNamed(me, "private.txt")).id;
    const uploadUrl = await tusUpload(me, "other.txt", Buffer.from("x"));
    const colleague = await person({ organizationId: me.organizationId, ownerId: me.userId });
    const stranger = await person();

    for (const who of [colleague, stranger]) {
      for (const base of [me.base, who.base]) {
        const as = (path: string) => fetch(`${base}${path}`, { headers: who.headers });
        expect((await as(`/items/${fileId}/content`)).status).toBe(404);
        expect((await as(`/zip?ids=${fileId}`)).status).toBe(404);
        expect((await as(`/items/${fileId}/thumbnail`)).status).toBe(404);
        const head = await fetch(uploadUrl.replace(me.base, base), { method: "HEAD", headers: { ...who.headers, "Tus-Resumable": "1.0.0" } });
        expect(head.status).toBe(404);
      }
    }
    const signedOut = await fetch(`${me.base}/items/${fileId}/content`);
    expect(signedOut.status).toBe(401);
  });

  it("refuses uploads a page of another site makes the browser send", async () => {
    const me = await person();
    const response = await fetch(`${me.base}/uploads`, {
      method: "POST",
      headers: { ...me.headers, "Tus-Resumable": "1.0.0", "Upload-Length": "1", origin: "http://evil.example", "Upload-Metadata": `name ${Buffer.from("x").toString("base64")}` },
    });
    expect(response.status).toBe(403);
  });
});
