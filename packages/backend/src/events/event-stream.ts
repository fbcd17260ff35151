import { DomainError, ErrorCode } from "../errors";
import type { BusItem } from "./topic";

/** How many undelivered items one subscriber may hold before it is dropped. */
export const DEFAULT_STREAM_BUFFER = 256;

/**
 * A subscription as an async iterator, for `for await` in a tRPC
 * subscription. Items wait in a bounded buffer; a consumer that falls
 * `capacity` items behind is dropped (its buffer freed, the next `next()`
 * throws) rather than letting memory grow, and should reconnect and reload.
 * Consecutive gaps fold into one.
 */
export class BoundedQueue<I extends { type: string }> implements AsyncIterableIterator<I> {
  private items: I[] = [];
  private waiter: { resolve: (r: IteratorResult<I>) => void; reject: (e: unknown) => void } | null = null;
  private failure: Error | null = null;
  private ended = false;

  constructor(
    private readonly capacity: number,
    /** Frees the subscription behind the stream; called once. */
    private readonly release: () => void,
  ) {}

  /** Called by the bus for each item; never blocks. */
  push(item: I): void {
    if (this.ended) return;
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = null;
      resolve({ value: item, done: false });
      return;
    }
    if (item.type === "gap" && this.items.at(-1)?.type === "gap") return;
    if (this.items.length >= this.capacity) {
      this.fail(
        new DomainError(ErrorCode.UNAVAILABLE, "Live updates fell too far behind and were stopped. Reload to catch up.", {
          cause: new Error(`subscriber dropped: more than ${this.capacity} events waiting`),
        }),
      );
      return;
    }
    this.items.push(item);
  }

  /** Ends the stream; a pending or later `next()` sees done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.items = [];
    this.release();
    this.waiter?.resolve({ value: undefined, done: true });
    this.waiter = null;
  }

  /** Ends the stream with an error for the consumer's next `next()`. */
  fail(error: Error): void {
    if (this.ended) return;
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) waiter.reject(error);
    else this.failure = error;
    this.end();
  }

  /** Items waiting to be read (for tests and diagnostics). */
  get buffered(): number {
    return this.items.length;
  }

  next(): Promise<IteratorResult<I>> {
    const item = this.items.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    if (this.waiter) return Promise.reject(new Error("BoundedQueue: next() called again before the previous one settled."));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<I>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** A bus subscription's items: a bounded queue in which consecutive gaps fold into one. */
export class EventStream<T> extends BoundedQueue<BusItem<T>> {}
