import { describe, expect, it } from "vitest";
import { NodeHealth } from "./node-health";

const LEVEL = { latencyMs: 100, errorRate: 0.2, downAfter: 3 };

function newHealth(nodeIds = ["a", "b", "c", "d"]) {
  let now = new Date("2026-01-01T00:00:00Z");
  const clock = {
    now: () => now,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
  return { health: new NodeHealth(nodeIds, LEVEL, clock.now), clock };
}

const statsOf = (health: NodeHealth, nodeId: string) => health.stats().find((s) => s.nodeId === nodeId)!;

describe("NodeHealth", () => {
  it("starts every node healthy, with nothing measured", () => {
    const { health } = newHealth(["a"]);
    expect(statsOf(health, "a")).toMatchObject({ state: "healthy", latencyMs: null, errorRate: 0, errors: 0, lastError: null });
    expect(health.unhealthy()).toEqual([]);
  });

  it("keeps latency as an exponentially weighted moving average", () => {
    const { health } = newHealth(["a"]);
    health.recordSuccess("a", 10);
    expect(statsOf(health, "a").latencyMs).toBe(10);
    health.recordSuccess("a", 60);
    expect(statsOf(health, "a").latencyMs).toBeCloseTo(20); // 0.2 × 60 + 0.8 × 10
    health.recordSuccess("a", 20);
    expect(statsOf(health, "a").latencyMs).toBeCloseTo(20);
  });

  it("marks a node degraded while its average latency misses the service level, and healthy once it meets it", () => {
    const { health, clock } = newHealth(["a"]);
    health.recordSuccess("a", 50);
    expect(health.state("a")).toBe("healthy");

    clock.advance(1_000);
    health.recordSuccess("a", 1_000); // average 240 ms
    expect(health.state("a")).toBe("degraded");
    expect(statsOf(health, "a").stateSince).toEqual(clock.now());
    expect(health.unhealthy()).toEqual(["a"]);

    // Fast answers pull the average down: 194, 157, 128, 104, then 85 ms.
    for (let i = 0; i < 4; i++) health.recordSuccess("a", 10);
    expect(health.state("a")).toBe("degraded");
    health.recordSuccess("a", 10);
    expect(health.state("a")).toBe("healthy");
  });

  it("marks a node degraded on an error, down after the configured failures in a row, and brings it back through degraded", () => {
    const { health, clock } = newHealth(["a"]);
    health.recordSuccess("a", 5);

    health.recordFailure("a", new Error("EIO: disk on fire"));
    expect(health.state("a")).toBe("degraded");
    health.recordFailure("a", new Error("EIO: disk on fire"));
    expect(health.state("a")).toBe("degraded");
    clock.advance(5_000);
    health.recordFailure("a", "timed out");
    expect(health.state("a")).toBe("down");
    expect(statsOf(health, "a")).toMatchObject({
      errors: 3,
      lastError: "timed out",
      lastErrorAt: clock.now(),
      stateSince: clock.now(),
    });
    expect(statsOf(health, "a").errorRate).toBeCloseTo(1 - 0.8 ** 3);

    // One fast success is not enough to trust it again.
    health.recordSuccess("a", 5);
    expect(health.state("a")).toBe("degraded");
    // Healthy once the error rate has decayed under the service level (0.2):
    // 0.49 after the failures, then 0.39, 0.31, 0.25, 0.20.
    let successes = 1;
    while (health.state("a") !== "healthy" && successes < 20) {
      health.recordSuccess("a", 5);
      successes += 1;
    }
    expect(health.state("a")).toBe("healthy");
    expect(successes).toBe(4);
    expect(statsOf(health, "a").errorRate).toBeLessThanOrEqual(LEVEL.errorRate);
  });

  it("does not take a node down for failures that are not in a row", () => {
    const { health } = newHealth(["a"]);
    for (let i = 0; i < 5; i++) {
      health.recordFailure("a", new Error("flaky"));
      health.recordFailure("a", new Error("flaky"));
      health.recordSuccess("a", 5);
    }
    expect(health.state("a")).toBe("degraded");
    expect(statsOf(health, "a").errors).toBe(10);
  });

  it("orders healthy before degraded before down, and faster first within a state", () => {
    const { health } = newHealth(["a", "b", "c", "d"]);
    health.recordSuccess("a", 80);
    health.recordSuccess("b", 10);
    health.recordSuccess("c", 1);
    health.recordFailure("c", new Error("refused"));
    for (let i = 0; i < 3; i++) health.recordFailure("d", new Error("gone"));

    expect(health.order(["d", "c", "a", "b"])).toEqual(["b", "a", "c", "d"]);
    expect(health.order(["c", "a"])).toEqual(["a", "c"]);
    expect(health.unhealthy().sort()).toEqual(["c", "d"]);
  });

  it("refuses a node it does not know", () => {
    const { health } = newHealth(["a"]);
    expect(() => health.recordSuccess("z", 1)).toThrow(/Unknown storage node z/);
    expect(() => health.order(["a", "z"])).toThrow(/Unknown storage node z/);
  });
});
