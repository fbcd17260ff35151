import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { EventStream } from "./event-stream";
import type { BusItem } from "./topic";

const event = (n: number): BusItem<number> => ({ type: "event", id: `id-${n}`, organizationId: "org", topic: "t", data: n });

describe("EventStream", () => {
  it("hands out items in order, folding consecutive gaps into one", async () => {
    let released = 0;
    const stream = new EventStream<number>(10, () => released++);
    stream.push(event(1));
    stream.push({ type: "gap" });
    stream.push({ type: "gap" });
    stream.push(event(2));
    const pending = stream.next();
    expect(await pending).toEqual({ value: event(1), done: false });
    expect(await stream.next()).toEqual({ value: { type: "gap" }, done: false });
    expect(await stream.next()).toEqual({ value: event(2), done: false });
    const waiting = stream.next();
    stream.push(event(3));
    expect(await waiting).toEqual({ value: event(3), done: false });
    expect(released).toBe(0);
  });

  it("drops a consumer that falls more than its capacity behind: buffer freed, one error, then done", async () => {
    let released = 0;
    const stream = new EventStream<number>(2, () => released++);
    stream.push(event(1));
    stream.push(event(2));
    stream.push(event(3));
    expect(stream.buffered).toBe(0);
    expect(released).toBe(1);
    await expect(stream.next()).rejects.toBeInstanceOf(DomainError);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    stream.push(event(4));
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("ends a pending next() when ended, and releases once however it ends", async () => {
    let released = 0;
    const stream = new EventStream<number>(2, () => released++);
    const waiting = stream.next();
    stream.end();
    await stream.return();
    stream.fail(new Error("late"));
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(released).toBe(1);
  });
});
