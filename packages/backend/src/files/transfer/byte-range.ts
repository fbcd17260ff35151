import type { ByteRange } from "../../storage";

/**
 * The one range a Range header asks for (RFC 9110 §14.1.2):
 *  - null: no header, or one we answer with the whole content (several
 *    ranges, another unit, a malformed header, all of which the RFC lets a
 *    server ignore);
 *  - "unsatisfiable": a well-formed range outside the content (416).
 */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== "" && Number(to) < start) return null; // invalid: ignored, per the RFC
  if (start >= size) return "unsatisfiable";
  return { start, end };
}
