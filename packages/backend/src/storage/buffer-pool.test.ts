import { describe, expect, it } from "vitest";
import { giveBackBuffers, takeBuffer } from "./buffer-pool";

const SIZE = 100_000;

describe("buffer pool", () => {
  it("gives a buffer given back out again, whole, once, to a taker of its size", () => {
    const first = takeBuffer(SIZE);
    expect(first).toHaveLength(SIZE);
    giveBackBuffers([first.subarray(0, 10)]);
    giveBackBuffers([first]); // a second return of the same buffer is ignored
    expect(takeBuffer(SIZE + 1).buffer).not.toBe(first.buffer);
    const again = takeBuffer(SIZE);
    expect(again.buffer).toBe(first.buffer);
    expect(again).toHaveLength(SIZE);
    expect(takeBuffer(SIZE).buffer).not.toBe(first.buffer);
  });

  it("ignores buffers it did not make, however they look", () => {
    const foreign = Buffer.allocUnsafeSlow(SIZE);
    giveBackBuffers([foreign, Buffer.from("small")]);
    expect(takeBuffer(SIZE).buffer).not.toBe(foreign.buffer);
  });
});
