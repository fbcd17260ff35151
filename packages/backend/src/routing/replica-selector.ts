import { DomainError } from "../errors";
import type { NodeHealth } from "./node-health";

/** Raised by an operation when the node answered but the replica is bad (missing, corrupt): the node is fine. */
export class BadReplicaError extends Error {
  constructor(
    readonly nodeId: string,
    readonly reason: "missing" | "corrupt",
    options?: { cause?: unknown },
  ) {
    super(`Replica on node ${nodeId} is ${reason}.`, options);
  }
}

export type FailoverResult<T> = { value: T; nodeId: string; badReplicas: BadReplicaError[] };

/**
 * Runs `read` against the replicas' nodes, best first, within one request:
 * an error or a timeout moves on to the next replica. Node faults count
 * against the node's health; a bad replica is reported back for repair.
 */
export async function readWithFailover<T>(
  health: NodeHealth,
  nodeIds: string[],
  read: (nodeId: string, signal: AbortSignal) => Promise<T>,
  opts: { timeoutMs: number },
): Promise<FailoverResult<T>> {
  const badReplicas: BadReplicaError[] = [];
  const failures: string[] = [];
  for (const nodeId of health.order(nodeIds)) {
    const started = performance.now();
    const signal = AbortSignal.timeout(opts.timeoutMs);
    try {
      const value = await raceAbort(read(nodeId, signal), signal);
      health.recordSuccess(nodeId, performance.now() - started);
      return { value, nodeId, badReplicas };
    } catch (error) {
      if (error instanceof BadReplicaError) {
        health.recordSuccess(nodeId, performance.now() - started);
        badReplicas.push(error);
        failures.push(`${nodeId}: ${error.reason}`);
      } else {
        health.recordFailure(nodeId, signal.aborted ? new Error(`no answer within ${opts.timeoutMs} ms`) : error);
        failures.push(`${nodeId}: ${signal.aborted ? "timed out" : error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (badReplicas.length > 0 && badReplicas.every((b) => b.reason === "corrupt") && failures.length === badReplicas.length) {
    throw new DomainError("INTEGRITY", "Every copy of this data failed its integrity check.", { cause: new Error(failures.join("; ")) });
  }
  throw new DomainError("UNAVAILABLE", "No storage node could serve this data right now. Try again shortly.", {
    cause: new Error(failures.join("; ")),
  });
}

/** A slow node may ignore the signal; the request must not wait for it. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
