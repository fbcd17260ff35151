import { describe, expect, it } from "vitest";
import { giveBackReadBuffers, READ_BUFFER_SIZE, takeReadBuffer } from "./read-buffers";

describe("read buffers", () => {
  it("gives a buffer given back out again, whole, once", () => {
    const first = takeReadBuffer();
    expect(first).toHaveLength(READ_BUFFER_SIZE);
    giveBackReadBuffers([first.subarray(0, 10)]);
    giveBackReadBuffers([first]); // a second return of the same buffer is ignored
    const again = takeReadBuffer();
    expect(again.buffer).toBe(first.buffer);
    expect(again).toHaveLength(READ_BUFFER_SIZE);
    expect(takeReadBuffer().buffer).not.toBe(first.buffer);
  });

  it("ignores buffers it did not make, however they look", () => {
    const foreign = Buffer.allocUnsafeSlow(READ_BUFFER_SIZE);
    giveBackReadBuffers([foreign, Buffer.from("small")]);
    expect(takeReadBuffer().buffer).not.toBe(foreign.buffer);
  });
});
