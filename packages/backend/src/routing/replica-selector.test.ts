import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { NodeHealth } from "./node-health";
import { BadReplicaError, readWithFailover } from "./replica-selector";

const LEVEL = { latencyMs: 1_000, errorRate: 0.2, downAfter: 3 };

/** A read that answers per node as scripted, recording the order it was asked in. */
function scriptedRead(answers: Record<string, (signal: AbortSignal) => Promise<string>>) {
  const asked: string[] = [];
  const read = (nodeId: string, signal: AbortSignal) => {
    asked.push(nodeId);
    return answers[nodeId]!(signal);
  };
  return { read, asked };
}

const ok = (value: string) => async () => value;
const fails = (message: string) => async () => {
  throw new Error(message);
};
const bad = (nodeId: string, reason: "missing" | "corrupt") => async () => {
  throw new BadReplicaError(nodeId, reason);
};
const statsOf = (health: NodeHealth, nodeId: string) => health.stats().find((s) => s.nodeId === nodeId)!;

describe("readWithFailover", () => {
  it("reads from the best node and asks no other", async () => {
    const health = new NodeHealth(["a", "b"], LEVEL);
    health.recordFailure("a", new Error("slow disk"));
    const { read, asked } = scriptedRead({ a: ok("from a"), b: ok("from b") });

    const result = await readWithFailover(health, ["a", "b"], read, { timeoutMs: 1_000 });

    expect(result).toEqual({ value: "from b", nodeId: "b", badReplicas: [] });
    expect(asked).toEqual(["b"]);
  });

  it("fails over to the next replica when a node errors, and counts the error against that node", async () => {
    const health = new NodeHealth(["a", "b"], LEVEL);
    const { read, asked } = scriptedRead({ a: fails("EIO: read error"), b: ok("from b") });

    const result = await readWithFailover(health, ["a", "b"], read, { timeoutMs: 1_000 });

    expect(result.value).toBe("from b");
    expect(asked).toEqual(["a", "b"]);
    expect(statsOf(health, "a")).toMatchObject({ state: "degraded", errors: 1, lastError: "EIO: read error" });
    expect(statsOf(health, "b")).toMatchObject({ state: "healthy", errors: 0 });
  });

  it("fails over when a node does not answer in time, within the same call, even if it ignores the signal", async () => {
    const health = new NodeHealth(["a", "b"], LEVEL);
    let signalOfA: AbortSignal | undefined;
    const { read, asked } = scriptedRead({
      a: (signal) => {
        signalOfA = signal;
        return new Promise<string>(() => {}); // never answers
      },
      b: ok("from b"),
    });

    const started = performance.now();
    const result = await readWithFailover(health, ["a", "b"], read, { timeoutMs: 50 });

    expect(result.value).toBe("from b");
    expect(asked).toEqual(["a", "b"]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(signalOfA?.aborted).toBe(true);
    expect(statsOf(health, "a")).toMatchObject({ state: "degraded", errors: 1, lastError: "no answer within 50 ms" });
  });

  it("reports a bad replica for repair without blaming its node", async () => {
    const health = new NodeHealth(["a", "b", "c"], LEVEL);
    const { read, asked } = scriptedRead({ a: bad("a", "corrupt"), b: bad("b", "missing"), c: ok("from c") });

    const result = await readWithFailover(health, ["a", "b", "c"], read, { timeoutMs: 1_000 });

    expect(result.value).toBe("from c");
    expect(asked).toEqual(["a", "b", "c"]);
    expect(result.badReplicas.map((b) => [b.nodeId, b.reason])).toEqual([
      ["a", "corrupt"],
      ["b", "missing"],
    ]);
    expect(health.stats().map((s) => [s.state, s.errors])).toEqual([
      ["healthy", 0],
      ["healthy", 0],
      ["healthy", 0],
    ]);
  });

  it("rejects with INTEGRITY when every replica is corrupt", async () => {
    const health = new NodeHealth(["a", "b"], LEVEL);
    const { read } = scriptedRead({ a: bad("a", "corrupt"), b: bad("b", "corrupt") });

    const error = await readWithFailover(health, ["a", "b"], read, { timeoutMs: 1_000 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "INTEGRITY" });
  });

  it("rejects with UNAVAILABLE, naming each node's failure, when no replica could be read", async () => {
    const health = new NodeHealth(["a", "b", "c"], LEVEL);
    const { read } = scriptedRead({ a: bad("a", "corrupt"), b: fails("ECONNREFUSED"), c: bad("c", "missing") });

    const error = await readWithFailover(health, ["a", "b", "c"], read, { timeoutMs: 1_000 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "UNAVAILABLE" });
    expect(String((error as DomainError).cause)).toMatch(/a: corrupt; b: ECONNREFUSED; c: missing/);
  });

  it("still tries a node that is down when nothing better is left", async () => {
    const health = new NodeHealth(["a", "b"], LEVEL);
    for (let i = 0; i < 3; i++) health.recordFailure("a", new Error("gone"));
    const { read, asked } = scriptedRead({ a: ok("from a"), b: fails("EIO") });

    const result = await readWithFailover(health, ["a", "b"], read, { timeoutMs: 1_000 });

    expect(result.value).toBe("from a");
    expect(asked).toEqual(["b", "a"]);
    expect(health.state("a")).toBe("degraded");
  });
});
