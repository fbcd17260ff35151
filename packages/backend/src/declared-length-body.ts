import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { DomainError } from "./errors";

/** An upload's body, refused if it runs past what it declared or stops short (a client cannot stream more than it said). */
export async function* bodyOfDeclaredLength(body: ReadableStream<Uint8Array>, declared: number): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of body as NodeReadableStream<Uint8Array>) {
    received += chunk.byteLength;
    if (received > declared) throw new DomainError("INVALID_INPUT", "The file is longer than its declared length.");
    yield chunk;
  }
  if (received < declared) throw new DomainError("INVALID_INPUT", "The upload stopped before the whole file arrived. Try again.");
}
