import { describe, expect, it } from "vitest";
import { attachmentName, parseMessageBody } from "./message-body";
import { readAuthVerdicts } from "./message-view";
import { composeMail } from "./testing/html-mail";

describe("parseMessageBody", () => {
  it("reads headers, text, HTML and parts with their Content-IDs and sizes", async () => {
    const raw = await composeMail({
      from: "Ann Example <Ann@Example.org>",
      to: "bob@example.net",
      subject: "  Plans ",
      html: '<p>Hi</p><img src="cid:chart@x">',
      text: "Hi",
      attachments: [
        { filename: "chart.png", content: Buffer.from([1, 2, 3]), contentType: "image/png", cid: "chart@x" },
        { filename: "notes.txt", content: Buffer.from("four"), contentType: "text/plain" },
      ],
    });
    const body = await parseMessageBody(raw);
    expect(body).toMatchObject({ from: { name: "Ann Example", address: "ann@example.org" }, to: [{ address: "bob@example.net" }], cc: [], subject: "Plans", text: "Hi" });
    expect(body.html).toContain('src="cid:chart@x"'); // left for the sanitizer to resolve
    expect(body.attachments.map(({ content: _content, ...a }) => a)).toEqual([
      { index: 0, name: "chart.png", mediaType: "image/png", size: 3, contentId: "chart@x" },
      { index: 1, name: "notes.txt", mediaType: "text/plain", size: 4, contentId: null },
    ]);
  });

  it("has no HTML for a plain text message", async () => {
    expect((await parseMessageBody(await composeMail({ to: "a@example.org", subject: "x", text: "only text" }))).html).toBeNull();
  });
});

describe("attachmentName", () => {
  it("drops controls, direction overrides and path separators, and names nameless parts", () => {
    expect(attachmentName({ filename: "in\u202Egnp.exe", contentType: "image/png" }, 0)).toBe("ingnp.exe");
    expect(attachmentName({ filename: "../../etc/passwd", contentType: "text/plain" }, 0)).toBe(".._.._etc_passwd");
    expect(attachmentName({ filename: "a\r\nb.txt", contentType: "text/plain" }, 0)).toBe("ab.txt");
    expect(attachmentName({ filename: "..", contentType: "application/pdf" }, 2)).toBe("attachment-3.pdf");
    expect(attachmentName({ filename: undefined, contentType: "message/rfc822" }, 0)).toBe("attachment-1.rfc822");
  });
});

describe("readAuthVerdicts", () => {
  it("reads the stored verdicts, and nothing where none was recorded", () => {
    expect(readAuthVerdicts({ spf: { result: "pass", domain: "x" }, dkim: [{ result: "fail" }, { result: "pass" }], dmarc: { result: "fail", policy: "reject" } })).toEqual({
      spf: "pass",
      dkim: "pass",
      dmarc: "fail",
    });
    expect(readAuthVerdicts({ spf: "SoftFail", dkim: [] })).toEqual({ spf: "softfail", dkim: null, dmarc: null });
    expect(readAuthVerdicts(null)).toEqual({ spf: null, dkim: null, dmarc: null });
  });
});
