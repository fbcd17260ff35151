export type NodeState = "healthy" | "degraded" | "down";

export type NodeStats = {
  nodeId: string;
  state: NodeState;
  /** Exponentially weighted moving average of operation latency. */
  latencyMs: number | null;
  /** Exponentially weighted share of operations that failed, 0..1. */
  errorRate: number;
  errors: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  stateSince: Date;
};

export type ServiceLevel = {
  /** EWMA latency above this makes a node degraded. */
  latencyMs: number;
  /** EWMA error rate above this makes a node degraded. */
  errorRate: number;
  /** This many failures in a row make a node down. */
  downAfter: number;
};

const ALPHA = 0.2; // weight of the newest sample in the averages

/**
 * What the router knows about each storage node, from the operations it
 * sends and the probes it runs. A node that misses its service level is
 * degraded (used only when nothing better is left); one that keeps failing is
 * down (skipped); a success that meets the level brings it back.
 */
export class NodeHealth {
  private readonly nodes = new Map<string, NodeStats & { consecutiveFailures: number }>();

  constructor(
    nodeIds: string[],
    readonly serviceLevel: ServiceLevel,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const nodeId of nodeIds) {
      this.nodes.set(nodeId, {
        nodeId,
        state: "healthy",
        latencyMs: null,
        errorRate: 0,
        errors: 0,
        lastError: null,
        lastErrorAt: null,
        stateSince: now(),
        consecutiveFailures: 0,
      });
    }
  }

  private node(nodeId: string) {
    const node = this.nodes.get(nodeId);
    if (!node) throw new Error(`Unknown storage node ${nodeId}.`);
    return node;
  }

  private setState(node: NodeStats, state: NodeState) {
    if (node.state !== state) {
      node.state = state;
      node.stateSince = this.now();
    }
  }

  recordSuccess(nodeId: string, latencyMs: number): void {
    const node = this.node(nodeId);
    node.latencyMs = node.latencyMs === null ? latencyMs : ALPHA * latencyMs + (1 - ALPHA) * node.latencyMs;
    node.errorRate = (1 - ALPHA) * node.errorRate;
    node.consecutiveFailures = 0;
    const meetsLevel = node.latencyMs <= this.serviceLevel.latencyMs && node.errorRate <= this.serviceLevel.errorRate;
    // A down node comes back as degraded first, and healthy once its averages recover.
    this.setState(node, meetsLevel && node.state !== "down" ? "healthy" : "degraded");
  }

  recordFailure(nodeId: string, error: unknown): void {
    const node = this.node(nodeId);
    node.errorRate = ALPHA + (1 - ALPHA) * node.errorRate;
    node.errors += 1;
    node.consecutiveFailures += 1;
    node.lastError = error instanceof Error ? error.message : String(error);
    node.lastErrorAt = this.now();
    this.setState(node, node.consecutiveFailures >= this.serviceLevel.downAfter ? "down" : "degraded");
  }

  state(nodeId: string): NodeState {
    return this.node(nodeId).state;
  }

  stats(): NodeStats[] {
    return [...this.nodes.values()].map(({ consecutiveFailures: _, ...stats }) => ({ ...stats }));
  }

  /** Nodes worth probing: those not healthy. */
  unhealthy(): string[] {
    return [...this.nodes.values()].filter((n) => n.state !== "healthy").map((n) => n.nodeId);
  }

  /** Best first: healthy before degraded before down, then by latency. */
  order(nodeIds: string[]): string[] {
    const rank = { healthy: 0, degraded: 1, down: 2 } as const;
    return [...nodeIds].sort((a, b) => {
      const na = this.node(a);
      const nb = this.node(b);
      return rank[na.state] - rank[nb.state] || (na.latencyMs ?? 0) - (nb.latencyMs ?? 0);
    });
  }
}
