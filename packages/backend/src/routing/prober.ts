import type { NodeHealth } from "./node-health";

/**
 * Probes every node that is not healthy, every `intervalMs`, so that a
 * degraded or down node is noticed when it recovers even if no request would
 * try it. Returns a function that stops probing.
 */
export function startProber(health: NodeHealth, probe: (nodeId: string) => Promise<void>, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await Promise.all(health.unhealthy().map((nodeId) => probeOnce(health, probe, nodeId)));
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function probeOnce(health: NodeHealth, probe: (nodeId: string) => Promise<void>, nodeId: string): Promise<void> {
  const started = performance.now();
  try {
    await probe(nodeId);
    health.recordSuccess(nodeId, performance.now() - started);
  } catch (error) {
    health.recordFailure(nodeId, error);
  }
}
