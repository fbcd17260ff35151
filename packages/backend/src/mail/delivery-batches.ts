// Group commit for deliveries: messages for one organization that arrive
// while its batches are being written wait and go together in the next one,
// so a busy server stores and commits many messages at a time and a quiet
// one each at once, with no added wait. A few batches per organization run
// at once (PostgreSQL spreads their index work over its cores);
// organizations do not wait for each other.

/** A batch is cut at this many messages or bytes (storage packs up to a chunk; one transaction stays short). */
const MAX_BATCH_MESSAGES = 64;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const BATCHES_IN_FLIGHT = 4;

type Waiting<J, R> = { job: J; bytes: number; resolve: (result: R) => void; reject: (error: unknown) => void };
type Queue<J, R> = { waiting: Waiting<J, R>[]; inFlight: number };

export class DeliveryBatches<J, R> {
  private readonly queues = new Map<string, Queue<J, R>>();

  /** `deliver` handles one organization's batch and answers each job in order; when it throws, each job of the batch is tried alone. */
  constructor(private readonly deliver: (organizationId: string, jobs: J[]) => Promise<R[]>) {}

  submit(organizationId: string, job: J, bytes: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let queue = this.queues.get(organizationId);
      if (!queue) this.queues.set(organizationId, (queue = { waiting: [], inFlight: 0 }));
      queue.waiting.push({ job, bytes, resolve, reject });
      if (queue.inFlight < BATCHES_IN_FLIGHT) void this.drain(organizationId, queue);
    });
  }

  private async drain(organizationId: string, queue: Queue<J, R>): Promise<void> {
    queue.inFlight++;
    while (queue.waiting.length > 0) {
      let bytes = 0;
      let take = 0;
      while (take < queue.waiting.length && take < MAX_BATCH_MESSAGES && (take === 0 || bytes + queue.waiting[take]!.bytes <= MAX_BATCH_BYTES)) {
        bytes += queue.waiting[take++]!.bytes;
      }
      await this.run(organizationId, queue.waiting.splice(0, take));
    }
    if (--queue.inFlight === 0) this.queues.delete(organizationId);
  }

  private async run(organizationId: string, batch: Waiting<J, R>[]): Promise<void> {
    try {
      const results = await this.deliver(organizationId, batch.map((w) => w.job));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One message that breaks its batch must not fail the others: each goes again on its own.
      for (const w of batch) await this.run(organizationId, [w]);
    }
  }
}
