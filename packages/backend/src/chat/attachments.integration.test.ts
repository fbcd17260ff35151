import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTestServer } from "../testing/http-test-server";
import { handleChatTransfer } from "./attachment-transfer";
import { MAX_ATTACHMENT_BYTES } from "./attachments";
import { generalOf, newChatTeam, type ChatPerson } from "./testing/chat-fixture";

const SESSION_HEADER = "x-test-session";
let server: { baseUrl: string; close: () => Promise<void> };
beforeAll(async () => {
  server = await startHttpTestServer((request) => handleChatTransfer(request, request.headers.get(SESSION_HEADER)));
});
afterAll(() => server.close());

const base = (who: ChatPerson, organizationId = who.organizationId) => `${server.baseUrl}/api/chat/${organizationId}/attachments`;
const headers = (who: ChatPerson) => ({ [SESSION_HEADER]: who.sessionId, origin: server.baseUrl });

async function upload(who: ChatPerson, name: string, data: Buffer, type = "application/octet-stream") {
  return fetch(`${base(who)}?name=${encodeURIComponent(name)}`, { method: "POST", headers: { ...headers(who), "content-type": type }, body: new Uint8Array(data) });
}

const send = (who: ChatPerson, channelId: string, attachmentIds: string[]) => who.caller.chat.post({ channelId, body: "", attachmentIds });

/** Sends only the headers of an upload claiming `length` bytes, and reads the answer. */
function declaredOnly(who: ChatPerson, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base(who)}?name=big.bin`, { method: "POST", headers: { ...headers(who), "content-length": length } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on("error", reject);
    request.flushHeaders();
  });
}

describe("chat attachments", () => {
  it("stores an uploaded file, and serves it to whoever can read its message and to nobody else", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const { owner: eve } = await newChatTeam();
    const data = crypto.randomBytes(300_000);
    const uploaded = await upload(ann, "diagram.png", data, "image/png");
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as { id: string; name: string; size: number; mediaType: string };
    expect(attachment).toMatchObject({ name: "diagram.png", size: data.length, mediaType: "image/png" });

    // Not sent yet: only its uploader sees it.
    expect((await fetch(`${base(bob)}/${attachment.id}`, { headers: headers(bob) })).status).toBe(404);
    const secret = await ann.caller.chat.createChannel({ name: "secret", isPrivate: true });
    const sent = await send(ann, secret.id, [attachment.id]);
    expect(sent.attachments).toEqual([attachment]);
    await expect(send(ann, secret.id, [])).rejects.toMatchObject({ code: "BAD_REQUEST" }); // nothing to send
    expect((await fetch(`${base(bob)}/${attachment.id}`, { headers: headers(bob) })).status).toBe(404);
    expect((await fetch(`${base(eve, ann.organizationId)}/${attachment.id}`, { headers: headers(eve) })).status).toBe(404);
    expect((await fetch(`${base(eve)}/${attachment.id}`, { headers: headers(eve) })).status).toBe(404);

    await ann.caller.chat.addMembers({ channelId: secret.id, userIds: [bob.userId] });
    const read = await fetch(`${base(bob)}/${attachment.id}`, { headers: headers(bob) });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-disposition")).toContain("attachment");
    expect(Buffer.from(await read.arrayBuffer()).equals(data)).toBe(true);
    const inline = await fetch(`${base(bob)}/${attachment.id}?disposition=inline`, { headers: headers(bob) });
    expect(inline.headers.get("content-disposition")).toMatch(/^inline/);
  });

  it("refuses oversized and hostile uploads and someone else's attachment ids", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    // Refused from its declared length, before a byte is stored.
    expect(await declaredOnly(ann, MAX_ATTACHMENT_BYTES + 1)).toMatchObject({ status: 400, body: expect.stringContaining("larger than 100 MB") });
    expect((await upload(ann, "../etc/passwd", Buffer.from("x"))).status).toBe(400);
    const crossSite = await fetch(`${base(ann)}?name=a.txt`, { method: "POST", headers: { ...headers(ann), origin: "https://evil.example" }, body: "x" });
    expect(crossSite.status).toBe(403);

    const mine = (await (await upload(ann, "notes.txt", Buffer.from("hello"))).json()) as { id: string };
    await expect(send(bob, general, [mine.id])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
