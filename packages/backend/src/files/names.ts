import { DomainError } from "../errors";

const MAX_NAME_BYTES = 255;
// C0 and C1 controls and DEL: line breaks and escapes that break listings, headers and terminals.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A file or folder name as stored: NFC-normalized (so the same name typed on
 * a Mac and on Windows is the same name), or a clear refusal.
 */
export function checkName(raw: string): string {
  const name = raw.normalize("NFC");
  if (name.trim() === "") throw new DomainError("INVALID_INPUT", "Enter a name.");
  if (name === "." || name === "..") throw new DomainError("INVALID_INPUT", `“${name}” cannot be used as a name.`);
  if (name.includes("/")) throw new DomainError("INVALID_INPUT", `“${name}” contains “/”, which names cannot contain.`);
  if (CONTROL.test(name)) throw new DomainError("INVALID_INPUT", "Names cannot contain control characters such as line breaks or tabs.");
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_NAME_BYTES) {
    throw new DomainError("INVALID_INPUT", `Names can be at most ${MAX_NAME_BYTES} bytes long; this one is ${bytes}.`);
  }
  return name;
}

/** `name`, or "name (2).ext", "name (3).ext"... : the first that is not taken. */
export function freeName(name: string, isTaken: (candidate: string) => boolean): string {
  if (!isTaken(name)) return name;
  const dot = name.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${extension}`;
    if (!isTaken(candidate)) return candidate;
  }
}
