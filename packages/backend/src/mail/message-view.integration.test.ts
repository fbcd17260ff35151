import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "../config";
import { startHttpTestServer } from "../testing/http-test-server";
import { callerFor } from "../testing/fixtures";
import { contentDisposition } from "../files/transfer/content-disposition";
import { BLOCKED_IMAGE_PLACEHOLDER } from "./html-sanitizer";
import { handleMailTransfer, messageDocumentPolicy } from "./mail-transfer";
import { inOrganization, newColleague, newMailUser, type MailUser } from "./testing/mail-fixture";
import { storeComposedMail } from "./testing/html-mail";

const SESSION_HEADER = "x-test-session";
let server: { baseUrl: string; close: () => Promise<void> };
beforeAll(async () => {
  server = await startHttpTestServer((request) => handleMailTransfer(request, request.headers.get(SESSION_HEADER)));
});
afterAll(() => server.close());

type Person = MailUser & { sessionId: string; caller: Awaited<ReturnType<typeof callerFor>>["caller"] };
const signedIn = async (user: MailUser): Promise<Person> => ({ ...user, ...(await callerFor(user.userId)) });

// A 1×1 PNG.
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const HOSTILE_NAME = "Rechnung\u202Egnp.html \"x\"; evil=1 ünï.html";
const CLEAN_NAME = 'Rechnunggnp.html "x"; evil=1 ünï.html';

/** Trusted senders `userId` has in these organizations (each read under its own row-level security). */
async function trustedCount(userId: string, organizationIds: string[]): Promise<number> {
  const counts = await Promise.all(organizationIds.map((organizationId) => inOrganization(organizationId, (tx) => tx.mailTrustedSender.count({ where: { userId } }))));
  return counts.reduce((a, b) => a + b, 0);
}

const get = (who: Person | null, path: string) => fetch(`${server.baseUrl}${path}`, { headers: who ? { [SESSION_HEADER]: who.sessionId } : {} });
const bodyPath = (organizationId: string, messageId: string, query = "") => `/api/mail/${organizationId}/messages/${messageId}/body${query}`;
const partPath = (organizationId: string, messageId: string, index: number, query = "") => `/api/mail/${organizationId}/messages/${messageId}/attachments/${index}${query}`;

async function hostileMail(to: Person) {
  return storeComposedMail(
    to,
    {
      to: to.address,
      subject: "Your invoice",
      text: "Plain version: see https://example.org/invoice",
      html: `<p onclick="alert(1)">Hello</p><script>window.__xss=1</script><img src="https://tracker.example/p.gif"><img src="cid:logo@sender.example"><a href="https://example.org/invoice">Invoice</a>`,
      attachments: [
        { filename: "logo.png", content: PIXEL, contentType: "image/png", cid: "logo@sender.example" },
        { filename: HOSTILE_NAME, content: Buffer.from("<script>alert(1)</script>"), contentType: "text/html" },
      ],
    },
    { spf: { result: "pass", domain: "sender.example" }, dkim: [{ result: "fail", domain: "sender.example" }], dmarc: { result: "pass", domain: "sender.example", policy: "none" } },
  );
}

describe("message view", () => {
  it("shows headers, text, blocked image count, attachments and verdicts, and trusting the sender shows images", async () => {
    const ann = await signedIn(await newMailUser("view"));
    const messageId = await hostileMail(ann);
    const view = await ann.caller.mailView.get({ messageId });
    expect(view).toMatchObject({
      id: messageId,
      from: { name: "Newsletter Sender", address: "news@sender.example" },
      to: [{ address: ann.address }],
      cc: [],
      subject: "Your invoice",
      hasHtml: true,
      blockedImages: 1,
      senderTrusted: false,
      auth: { spf: "pass", dkim: "fail", dmarc: "pass" },
    });
    expect(view.text).toContain("Plain version");
    expect(view.attachments).toEqual([
      { index: 0, name: "logo.png", mediaType: "image/png", size: PIXEL.length, isInline: true },
      { index: 1, name: CLEAN_NAME, mediaType: "text/html", size: 25, isInline: false },
    ]);

    await ann.caller.mailView.trustSender({ messageId });
    await ann.caller.mailView.trustSender({ messageId }); // twice changes nothing
    expect((await ann.caller.mailView.get({ messageId })).senderTrusted).toBe(true);
    const trusted = await get(ann, bodyPath(ann.organizationId, messageId));
    expect(trusted.headers.get("content-security-policy")).toBe(messageDocumentPolicy(getConfig().publicUrl.origin, true));
    expect(await trusted.text()).toContain('src="https://tracker.example/p.gif"');
    expect(await trustedCount(ann.userId, [ann.organizationId])).toBe(1);

    await ann.caller.mailView.untrustSender({ messageId });
    expect((await ann.caller.mailView.get({ messageId })).senderTrusted).toBe(false);
    expect(await trustedCount(ann.userId, [ann.organizationId])).toBe(0);
  });

  it("serves the sanitized HTML with exact headers, remote images only when asked", async () => {
    const ann = await signedIn(await newMailUser("body"));
    const messageId = await hostileMail(ann);
    const origin = getConfig().publicUrl.origin;
    const response = await get(ann, bodyPath(ann.organizationId, messageId));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(
      `sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data: ${origin}; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'`,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).toContain('<base target="_blank">');
    expect(html).toContain("<p>Hello</p>");
    expect(html).not.toMatch(/<script|onclick|tracker\.example/);
    expect(html).toContain(BLOCKED_IMAGE_PLACEHOLDER.replace(/&/g, "&amp;"));
    expect(html).toContain('<a href="https://example.org/invoice" target="_blank" rel="noopener noreferrer nofollow">Invoice</a>');

    // The inline part is named by a signed link that works without the session, and only as signed.
    const inline = /src="([^"]*attachments\/0\?[^"]*)"/.exec(html)![1]!.replace(/&amp;/g, "&");
    const inlineUrl = new URL(inline);
    expect(inlineUrl.origin).toBe(origin);
    const image = await get(null, `${inlineUrl.pathname}${inlineUrl.search}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toBe(contentDisposition("inline", "logo.png"));
    expect(Buffer.from(await image.arrayBuffer()).equals(PIXEL)).toBe(true);
    const forged = new URLSearchParams(inlineUrl.search);
    forged.set("s", `${forged.get("s")!.slice(0, -2)}AA`);
    expect((await get(null, `${inlineUrl.pathname}?${forged}`)).status).toBe(401);
    expect((await get(null, `${partPath(ann.organizationId, messageId, 1)}${inlineUrl.search}`)).status).toBe(401); // another part
    expect((await get(null, bodyPath(ann.organizationId, messageId))).status).toBe(401);

    const shown = await get(ann, bodyPath(ann.organizationId, messageId, "?images=1"));
    expect(shown.headers.get("content-security-policy")).toBe(messageDocumentPolicy(origin, true));
    expect(shown.headers.get("content-security-policy")).toContain(`img-src data: ${origin} https: http:`);
    expect(await shown.text()).toContain('src="https://tracker.example/p.gif"');
  });

  it("downloads an attachment with a hostile Unicode name as an attachment of a harmless type", async () => {
    const ann = await signedIn(await newMailUser("part"));
    const messageId = await hostileMail(ann);
    const response = await get(ann, partPath(ann.organizationId, messageId, 1));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Rechnunggnp.html _x_; evil=1 uni.html"; filename*=UTF-8''Rechnunggnp.html%20%22x%22%3B%20evil%3D1%20%C3%BCn%C3%AF.html`,
    );
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe("<script>alert(1)</script>");
    // ?inline=1 shows only raster images in place.
    expect((await get(ann, partPath(ann.organizationId, messageId, 1, "?inline=1"))).headers.get("content-disposition")).toMatch(/^attachment;/);
    const png = await get(ann, partPath(ann.organizationId, messageId, 0));
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toBe(contentDisposition("attachment", "logo.png"));
    expect((await get(ann, partPath(ann.organizationId, messageId, 7))).status).toBe(404);
  });

  it("answers 404 for other people's and other organizations' messages, and changes nothing", async () => {
    const ann = await signedIn(await newMailUser("owner"));
    const bob = await signedIn(await newColleague(ann, "bob"));
    const eve = await signedIn(await newMailUser("eve"));
    const messageId = await hostileMail(ann);
    for (const who of [bob, eve]) {
      expect((await get(who, bodyPath(ann.organizationId, messageId))).status).toBe(404);
      expect((await get(who, bodyPath(who.organizationId, messageId))).status).toBe(404);
      expect((await get(who, partPath(ann.organizationId, messageId, 1))).status).toBe(404);
      expect((await get(who, partPath(who.organizationId, messageId, 0))).status).toBe(404);
      await expect(who.caller.mailView.get({ messageId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(who.caller.mailView.trustSender({ messageId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await trustedCount(who.userId, [ann.organizationId, who.organizationId])).toBe(0);
    }
    // A signed inline link of Ann's opens nothing for Eve's organization.
    const html = await (await get(ann, bodyPath(ann.organizationId, messageId))).text();
    const inline = new URL(/src="([^"]*attachments\/0\?[^"]*)"/.exec(html)![1]!.replace(/&amp;/g, "&"));
    expect((await get(null, `${partPath(eve.organizationId, messageId, 0)}${inline.search}`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}${bodyPath(ann.organizationId, messageId)}`, { method: "POST", headers: { [SESSION_HEADER]: ann.sessionId } })).status).toBe(405);
  });
});
