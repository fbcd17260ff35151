import { afterEach, describe, expect, it, vi } from "vitest";
import { NodeHealth } from "./node-health";
import { probeOnce, startProber } from "./prober";

const LEVEL = { latencyMs: 1_000, errorRate: 0.2, downAfter: 3 };

afterEach(() => {
  vi.useRealTimers();
});

describe("prober", () => {
  it("records a probe's success or failure in the node's health", async () => {
    const health = new NodeHealth(["a"], LEVEL);
    await probeOnce(health, async () => {
      throw new Error("ENOSPC");
    }, "a");
    expect(health.stats()[0]).toMatchObject({ state: "degraded", errors: 1, lastError: "ENOSPC" });
    await probeOnce(health, async () => {}, "a");
    expect(health.stats()[0]!.latencyMs).not.toBeNull();
  });

  it("probes only the nodes that are not healthy, each interval, until stopped", async () => {
    vi.useFakeTimers();
    const health = new NodeHealth(["a", "b"], LEVEL);
    for (let i = 0; i < 3; i++) health.recordFailure("b", new Error("gone"));
    const probed: string[] = [];
    const stop = startProber(health, async (nodeId) => void probed.push(nodeId), 1_000);

    await vi.advanceTimersByTimeAsync(999);
    expect(probed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(probed).toEqual(["b"]);
    expect(health.state("b")).toBe("degraded"); // back, not yet trusted

    // Probed until healthy again, then left alone.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(health.state("b")).toBe("healthy");
    const count = probed.length;
    expect(probed.every((n) => n === "b")).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probed).toHaveLength(count);

    health.recordFailure("a", new Error("slow"));
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probed).toHaveLength(count);
  });
});
