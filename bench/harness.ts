import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Measurement = { metric: string; unit: string; value: number; peer: string; peerValue: number; ratio: number };
export type Benchmark = {
  name: string;
  /** What it measures and against which peer, in one line. */
  summary: string;
  run: (opts: { smoke: boolean }) => Promise<Measurement[]>;
};

/** Runs `op` from `concurrency` loops for `seconds`; returns completed ops/s and latency percentiles (ms). */
export async function measureThroughput(op: () => Promise<unknown>, opts: { seconds: number; concurrency: number }) {
  const latencies: number[] = [];
  const deadline = performance.now() + opts.seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await op();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { opsPerSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99) };
}

export function compare(metric: string, unit: string, value: number, peer: string, peerValue: number): Measurement {
  return { metric, unit, value, peer, peerValue, ratio: peerValue === 0 ? 0 : value / peerValue };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}; client and server share these cores`;
}

export function report(name: string, results: Measurement[]): void {
  console.log(`\n${name} — ${machine()}`);
  console.table(
    results.map((r) => ({ metric: r.metric, unit: r.unit, awan: round(r.value), peer: r.peer, "peer value": round(r.peerValue), ratio: round(r.ratio) })),
  );
  const file = path.join(import.meta.dirname, "results", `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ name, machine: machine(), results }, null, 2)}\n`);
  console.log(`written ${path.relative(process.cwd(), file)}`);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** How long `work` takes, in seconds. */
export async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs `op(0)` … `op(count - 1)`, `concurrency` at a time. */
export async function forEachConcurrently(count: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < count) await op(next++); }));
}
