import crypto from "node:crypto";
import { createDatabase, createRawConnection, withTenantScope, type Database } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "../../../../scripts/lib/test-database";
import { z } from "zod";
import { DomainError } from "../errors";
import { EventBus } from "./event-bus";
import { publishEvent } from "./publish-event";
import { defineTopic, type BusItem } from "./topic";

const ping = defineTopic("test_ping", z.object({ n: z.number().int() }));

// Two "processes": each has its own pool for publishing and its own bus (own LISTEN connection).
type Process = { db: Database; bus: EventBus; name: string };
let one: Process;
let two: Process;

function startProcess(label: string): Process {
  const name = `${label}-${crypto.randomUUID().slice(0, 8)}`;
  const url = process.env.DATABASE_APP_URL!;
  return { name, db: createDatabase(url, { maxConnections: 2 }), bus: new EventBus({ databaseUrl: url, name, minBackoffMs: 20, maxBackoffMs: 200 }) };
}

beforeAll(() => {
  one = startProcess("one");
  two = startProcess("two");
});

afterAll(async () => {
  for (const p of [one, two]) {
    await p.bus.close();
    await p.db.$disconnect();
  }
});

const newOrganization = () => crypto.randomUUID();

/** Everything `bus` delivers for `organizationId`, in order. */
async function record(bus: EventBus, organizationId: string) {
  const items: BusItem<{ n: number }>[] = [];
  const unsubscribe = await bus.subscribe(organizationId, ping, (item) => items.push(item));
  const numbers = () => items.flatMap((i) => (i.type === "event" ? [i.data.n] : []));
  return { items, numbers, unsubscribe };
}

/** Waits for `n` to arrive; NOTIFY keeps commit order, so everything committed before it has arrived too. */
async function waitForNumber(numbers: () => number[], n: number) {
  await vi.waitFor(() => expect(numbers()).toContain(n), { timeout: 5_000, interval: 10 });
}

describe("event bus", () => {
  it("delivers an event published by one process to both processes, once each", async () => {
    const org = newOrganization();
    const atOne = await record(one.bus, org);
    const atTwo = await record(two.bus, org);

    await publishEvent(one.db, ping, { organizationId: org, data: { n: 1 } });
    await publishEvent(two.db, ping, { organizationId: org, data: { n: 2 } });
    await publishEvent(two.db, ping, { organizationId: org, data: { n: 3 } });
    await waitForNumber(atOne.numbers, 3);
    await waitForNumber(atTwo.numbers, 3);

    expect(atOne.numbers()).toEqual([1, 2, 3]);
    expect(atTwo.numbers()).toEqual([1, 2, 3]);
    const first = atOne.items[0];
    expect(first).toMatchObject({ type: "event", organizationId: org, topic: "test_ping", data: { n: 1 } });
    atOne.unsubscribe();
    atTwo.unsubscribe();
  });

  it("delivers a transaction's event only when it commits, once", async () => {
    const org = newOrganization();
    const atTwo = await record(two.bus, org);

    await expect(
      withTenantScope(one.db, { organizationId: org }, async (tx) => {
        await publishEvent(tx, ping, { organizationId: org, data: { n: 1 } });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    await withTenantScope(one.db, { organizationId: org }, async (tx) => {
      await publishEvent(tx, ping, { organizationId: org, data: { n: 2 } });
      // Not delivered before the commit, even though it was sent.
      await new Promise((r) => setTimeout(r, 100));
      expect(atTwo.numbers()).toEqual([]);
    });
    await publishEvent(one.db, ping, { organizationId: org, data: { n: 3 } });
    await waitForNumber(atTwo.numbers, 3);

    expect(atTwo.numbers()).toEqual([2, 3]);
    atTwo.unsubscribe();
  });

  it("never hands one organization's events to another's subscriber", async () => {
    const orgA = newOrganization();
    const orgB = newOrganization();
    const atA = await record(two.bus, orgA);
    const atB = await record(one.bus, orgB);

    await publishEvent(one.db, ping, { organizationId: orgB, data: { n: 1 } });
    await publishEvent(one.db, ping, { organizationId: orgA, data: { n: 2 } });
    await waitForNumber(atA.numbers, 2);
    await waitForNumber(atB.numbers, 1);

    expect(atA.items.map((i) => i.type === "event" && i.organizationId)).toEqual([orgA]);
    expect(atB.items.map((i) => i.type === "event" && i.organizationId)).toEqual([orgB]);
    atA.unsubscribe();
    atB.unsubscribe();
  });

  it("refuses an event of another organization inside a transaction scoped to one, and the transaction with it", async () => {
    const orgA = newOrganization();
    const orgB = newOrganization();
    const atB = await record(one.bus, orgB);

    await expect(
      withTenantScope(one.db, { organizationId: orgA }, (tx) => publishEvent(tx, ping, { organizationId: orgB, data: { n: 1 } })),
    ).rejects.toThrow(/inside another organization's transaction/);
    await publishEvent(one.db, ping, { organizationId: orgB, data: { n: 2 } });
    await waitForNumber(atB.numbers, 2);

    expect(atB.numbers()).toEqual([2]);
    atB.unsubscribe();
  });

  it("refuses an oversized event clearly and sends nothing", async () => {
    const big = defineTopic("test_ping", z.object({ n: z.number(), text: z.string() }));
    const org = newOrganization();
    const atOne = await record(one.bus, org);

    await expect(publishEvent(one.db, big, { organizationId: org, data: { n: 1, text: "x".repeat(9_000) } })).rejects.toThrow(
      /at most 7999 fit in a notification\. Send ids/,
    );
    await expect(publishEvent(one.db, ping, { organizationId: "not-an-id", data: { n: 1 } })).rejects.toThrow();
    await publishEvent(one.db, ping, { organizationId: org, data: { n: 2 } });
    await waitForNumber(atOne.numbers, 2);

    expect(atOne.numbers()).toEqual([2]);
    atOne.unsubscribe();
  });

  it("reconnects after its listening connection is killed, tells subscribers of the gap, and delivers later events", async () => {
    const org = newOrganization();
    const atTwo = await record(two.bus, org);
    await publishEvent(one.db, ping, { organizationId: org, data: { n: 1 } });
    await waitForNumber(atTwo.numbers, 1);

    const owner = createRawConnection(process.env.DATABASE_URL!);
    await owner.connect();
    try {
      const { rowCount } = await owner.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [
        `awan-events ${two.name}`,
      ]);
      expect(rowCount).toBe(1);
    } finally {
      await owner.end();
    }
    await vi.waitFor(() => expect(atTwo.items.at(-1)).toEqual({ type: "gap" }), { timeout: 5_000, interval: 10 });

    await publishEvent(one.db, ping, { organizationId: org, data: { n: 2 } });
    await waitForNumber(atTwo.numbers, 2);
    expect(atTwo.items.map((i) => (i.type === "gap" ? "gap" : i.data.n))).toEqual([1, "gap", 2]);
    expect((await two.bus.stats()).channels).toEqual(["awan_test_ping"]);
    atTwo.unsubscribe();
  });

  it("streams events to a for-await loop, which ends when its signal aborts", async () => {
    const org = newOrganization();
    const abort = new AbortController();
    const stream = await two.bus.stream(org, ping, { signal: abort.signal });
    const seen: number[] = [];
    const consumed = (async () => {
      for await (const item of stream) {
        if (item.type === "event") seen.push(item.data.n);
        if (seen.length === 2) setTimeout(() => abort.abort(), 10); // abort while the loop waits
      }
    })();

    await publishEvent(one.db, ping, { organizationId: org, data: { n: 1 } });
    await publishEvent(one.db, ping, { organizationId: org, data: { n: 2 } });
    await consumed;

    expect(seen).toEqual([1, 2]);
    await vi.waitFor(async () => expect(await two.bus.stats()).toEqual({ subscribers: 0, streams: 0, channels: [] }), { timeout: 2_000, interval: 10 });
  });

  it("drops a subscriber that falls behind its buffer, with a reason, and frees it", async () => {
    const org = newOrganization();
    const slow = await two.bus.stream(org, ping, { bufferSize: 3 });
    const atTwo = await record(two.bus, org);

    for (let n = 1; n <= 5; n++) await publishEvent(one.db, ping, { organizationId: org, data: { n } });
    await waitForNumber(atTwo.numbers, 5);

    expect(slow.buffered).toBe(0); // its buffer is freed at once
    const error = await slow.next().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "UNAVAILABLE", message: expect.stringMatching(/fell too far behind/) });
    expect(await slow.next()).toEqual({ value: undefined, done: true });
    expect(await two.bus.stats()).toMatchObject({ subscribers: 1, streams: 0 });

    atTwo.unsubscribe();
    await vi.waitFor(async () => expect(await two.bus.stats()).toEqual({ subscribers: 0, streams: 0, channels: [] }), { timeout: 2_000, interval: 10 });
  });

  it("keeps the LISTEN while any subscriber of the topic remains, and drops it after the last leaves", async () => {
    const orgA = newOrganization();
    const orgB = newOrganization();
    const a = await record(one.bus, orgA);
    const b = await record(one.bus, orgB);
    expect(await one.bus.stats()).toEqual({ subscribers: 2, streams: 0, channels: ["awan_test_ping"] });

    a.unsubscribe();
    a.unsubscribe(); // twice is harmless
    await publishEvent(two.db, ping, { organizationId: orgB, data: { n: 1 } });
    await waitForNumber(b.numbers, 1);
    expect(await one.bus.stats()).toEqual({ subscribers: 1, streams: 0, channels: ["awan_test_ping"] });

    b.unsubscribe();
    await vi.waitFor(async () => expect(await one.bus.stats()).toEqual({ subscribers: 0, streams: 0, channels: [] }), { timeout: 2_000, interval: 10 });
  });

  it("holds a subscription while the database is unreachable, until its signal gives up, and then keeps nothing", async () => {
    const bus = new EventBus({ databaseUrl: `postgresql://nobody:x@127.0.0.1:${await freePort()}/none`, minBackoffMs: 10, maxBackoffMs: 50 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const abort = new AbortController();
      const subscribing = bus.subscribe(newOrganization(), ping, () => undefined, { signal: abort.signal });
      const settled = vi.fn();
      subscribing.then(settled, settled);
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).not.toHaveBeenCalled();
      expect(await bus.stats()).toEqual({ subscribers: 1, streams: 0, channels: [] });

      abort.abort(new Error("the client left"));
      await expect(subscribing).rejects.toThrow("the client left");
      expect(await bus.stats()).toEqual({ subscribers: 0, streams: 0, channels: [] });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/cannot connect the listening connection/));
    } finally {
      await bus.close();
      warn.mockRestore();
    }
  });
});
