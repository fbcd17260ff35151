import { describe, expect, it } from "vitest";
import { DeliveryBatches } from "./delivery-batches";

/** A deliverer that records each batch it is given and answers after the test lets it. */
function recordingDeliverer(fail: (job: string) => boolean = () => false) {
  const batches: string[][] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((r) => (release = r));
  const deliverer = new DeliveryBatches<string, string>(async (_organizationId, jobs) => {
    batches.push(jobs);
    await gate;
    if (jobs.some(fail)) throw new Error("a broken message");
    return jobs.map((j) => `stored ${j}`);
  });
  return {
    deliverer,
    batches,
    open: () => {
      release();
      gate = Promise.resolve();
    },
  };
}

describe("delivery batches", () => {
  it("sends messages arriving while batches are written together in the next batch, each answered in order", async () => {
    const { deliverer, batches, open } = recordingDeliverer();
    const answers = Array.from({ length: 12 }, (_, i) => deliverer.submit("org", `m${i}`, 100));
    await new Promise((r) => setTimeout(r, 0));
    // Four batches start at once with what is there; the rest waits for the next free one.
    expect(batches.length).toBe(4);
    open();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 12 }, (_, i) => `stored m${i}`));
    expect(batches.flat().sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`).sort());
    expect(batches.length).toBeLessThan(12);
  });

  it("cuts a batch at 4 MiB", async () => {
    const { deliverer, batches, open } = recordingDeliverer();
    open();
    const first = deliverer.submit("org", "first", 1); // takes the first batch alone
    const [a, b, c] = [deliverer.submit("org", "a", 3 * 1024 * 1024), deliverer.submit("org", "b", 2 * 1024 * 1024), deliverer.submit("org", "c", 1024)];
    await Promise.all([first, a, b, c]);
    for (const batch of batches) expect(batch.includes("a") && batch.includes("b")).toBe(false);
  });

  it("tries each message of a failed batch alone, so one broken message fails only itself", async () => {
    const { deliverer, open } = recordingDeliverer((job) => job === "broken");
    const blocker = deliverer.submit("org", "x0", 1);
    const others = [deliverer.submit("org", "x1", 1), deliverer.submit("org", "x2", 1), deliverer.submit("org", "x3", 1)];
    const wave = ["a", "broken", "b"].map((j) => deliverer.submit("org", j, 1).then((v) => v, (e: Error) => `refused: ${e.message}`));
    open();
    await Promise.all([blocker, ...others]);
    expect(await Promise.all(wave)).toEqual(["stored a", "refused: a broken message", "stored b"]);
  });

  it("keeps organizations apart", async () => {
    const { deliverer, batches, open } = recordingDeliverer();
    open();
    await Promise.all([deliverer.submit("one", "a", 1), deliverer.submit("two", "b", 1)]);
    expect(batches).toEqual([["a"], ["b"]]);
  });
});
