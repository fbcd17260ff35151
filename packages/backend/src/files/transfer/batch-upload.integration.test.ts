import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileNamed, get, sha256, transferPerson, type Person } from "../testing/transfer-client";
import { startTransferServer } from "../testing/transfer-server";

let server: Awaited<ReturnType<typeof startTransferServer>>;
beforeAll(async () => {
  server = await startTransferServer();
});
afterAll(() => server.close());

type Entry = { name: string; folderId?: string | null; bytes: Buffer };

/** A batch as the console sends it: a manifest, then one file part per entry. */
function sendBatch(who: Person, entries: Entry[], options: { onConflict?: string; header?: boolean } = {}) {
  const form = new FormData();
  form.set("manifest", JSON.stringify(entries.map((e) => ({ name: e.name, folderId: e.folderId ?? null, contentType: "text/plain" }))));
  for (const e of entries) form.append("file", new Blob([new Uint8Array(e.bytes)]), "blob");
  return fetch(`${who.base}/batch?onConflict=${options.onConflict ?? "FAIL"}`, {
    method: "POST",
    headers: { ...who.headers, ...(options.header === false ? {} : { "x-awan-batch": "1" }) },
    body: form,
  });
}

describe("file transfer: batches of small files", () => {
  it("stores a folder's worth of small files in one request, each readable on its own", async () => {
    const me = await transferPerson(server.baseUrl);
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Notes" });
    const entries = Array.from({ length: 120 }, (_, i) => ({ name: `note ${i}.txt`, folderId: i % 2 ? folder.id : null, bytes: crypto.randomBytes(i === 5 ? 0 : 4096) }));
    const response = await sendBatch(me, entries);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { files: unknown[] }).files).toHaveLength(120);

    for (const entry of [entries[0]!, entries[5]!, entries[77]!, entries[119]!]) {
      const file = await fileNamed(me, entry.name, entry.folderId ?? null);
      expect(sha256(Buffer.from(await (await get(me, `/items/${file.id}/content`)).arrayBuffer())), entry.name).toBe(sha256(entry.bytes));
    }
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(119 * 4096);
    const listed = await fileNamed(me, "note 0.txt");
    expect(Math.abs(listed.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(listed.contentType).toBe("text/plain");
  });

  it("lands all of a batch or none: a taken name or a hostile one refuses it whole", async () => {
    const me = await transferPerson(server.baseUrl);
    expect((await sendBatch(me, [{ name: "a.txt", bytes: Buffer.from("first") }])).status).toBe(201);

    const clash = await sendBatch(me, [{ name: "b.txt", bytes: Buffer.from("b") }, { name: "a.txt", bytes: Buffer.from("again") }]);
    expect(clash.status).toBe(409);
    expect(await clash.text()).toContain("“a.txt” is already in this folder");
    const hostile = await sendBatch(me, [{ name: "c.txt", bytes: Buffer.from("c") }, { name: "../escape", bytes: Buffer.from("x") }]);
    expect(hostile.status).toBe(400);
    expect((await me.caller.files.list({ folderId: null })).items.map((i) => i.name)).toEqual(["a.txt"]);

    const replaced = await sendBatch(me, [{ name: "a.txt", bytes: Buffer.from("second") }], { onConflict: "REPLACE" });
    expect(replaced.status).toBe(201);
    const file = await fileNamed(me, "a.txt");
    expect(await (await get(me, `/items/${file.id}/content`)).text()).toBe("second");
    expect(await me.caller.files.versions({ fileId: file.id })).toHaveLength(2);
  });

  it("refuses a batch over the quota and one a page of another site could send", async () => {
    const me = await transferPerson(server.baseUrl);
    await me.caller.fileSettings.update({ quotaBytes: null, personQuotaBytes: 10_000, keepAllVersionsDays: 30, keepVersionsDays: 365 });
    const over = await sendBatch(me, [1, 2, 3].map((i) => ({ name: `${i}.bin`, bytes: crypto.randomBytes(4000) })));
    expect(over.status).toBe(413);
    expect(await over.text()).toMatch(/quota/);
    expect((await sendBatch(me, [{ name: "x.txt", bytes: Buffer.from("x") }], { header: false })).status).toBe(403);
    expect((await sendBatch(me, [{ name: "x.txt", bytes: Buffer.from("x") }], { onConflict: "OVERWRITE" })).status).toBe(400);
    expect((await me.caller.files.list({ folderId: null })).items).toEqual([]);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(0);
  });
});
