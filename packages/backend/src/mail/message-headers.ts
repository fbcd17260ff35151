import { simpleParser } from "mailparser";

/** Where the header block of a raw message ends (the index of its blank line), or the whole message if it has no body. */
function headerEnd(raw: Buffer): { end: number; bodyStart: number } {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf + 2, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf + 1, bodyStart: lf + 2 };
  return { end: raw.length, bodyStart: raw.length };
}

/** The header block, each line ending in CRLF, without the blank line. */
export function headerBlock(raw: Buffer): string {
  return raw.subarray(0, headerEnd(raw).end).toString("latin1").replace(/\r?\n/g, "\r\n");
}

/**
 * The message without the named header fields (and their folded lines).
 * Bcc goes before signing and relaying: the envelope carries blind copies,
 * and a header would show them to every recipient.
 */
export function withoutHeaders(raw: Buffer, names: string[]): Buffer {
  const { end } = headerEnd(raw);
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const lines = raw.subarray(0, end).toString("latin1").split(/(?<=\n)/);
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    const folded = /^[ \t]/.test(line);
    if (!folded) dropping = lower.has(line.slice(0, line.indexOf(":")).trim().toLowerCase());
    if (!dropping) kept.push(line);
  }
  if (kept.length === lines.length) return raw;
  return Buffer.concat([Buffer.from(kept.join(""), "latin1"), raw.subarray(end)]);
}

/** The addresses of the From header, lower-cased domain included. */
export async function headerFromAddresses(raw: Buffer): Promise<string[]> {
  const parsed = await simpleParser(Buffer.from(`${headerBlock(raw)}\r\n`, "latin1"), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  return (parsed.from?.value ?? []).flatMap((a) => (a.address ? [a.address] : []));
}
