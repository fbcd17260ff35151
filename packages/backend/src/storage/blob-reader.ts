import { Readable } from "node:stream";
import { withTenantScope, type Database } from "@awan/db";
import { DomainError } from "../errors";
import type { ChunkStore } from "./chunk-store";
import type { OrganizationKeys } from "./organization-keys";

export type ByteRange = { start: number; end: number }; // inclusive, as in HTTP

export type OpenedBlob = { size: number; digest: string; range: ByteRange | null; stream: Readable };

type ReadContext = { db: Database; store: ChunkStore; organizationId: string; keys: OrganizationKeys };

const AHEAD = 3;

type Piece = { chunk: { id: string; generation: string }; nodes: string[]; from: number; to: number };

/**
 * Opens a blob for reading, whole or a byte range. The stream decrypts one
 * chunk at a time with the next few already on their way, so memory stays at
 * a few chunks however large the blob. An empty range or one past the end is
 * INVALID_INPUT (HTTP 416).
 */
export async function openBlob(ctx: ReadContext, blobId: string, range?: ByteRange): Promise<OpenedBlob> {
  const { organizationId } = ctx;
  const blob = await withTenantScope(ctx.db, { organizationId }, (tx) =>
    tx.blob.findFirst({
      where: { id: blobId, organizationId, complete: true },
      select: {
        size: true,
        digest: true,
        chunks: {
          orderBy: { index: "asc" },
          select: { offset: true, length: true, chunk: { select: { id: true, generation: true, size: true, replicas: { select: { nodeId: true } } } } },
        },
      },
    }),
  );
  if (!blob) throw new DomainError("NOT_FOUND", "This content does not exist.");
  const size = Number(blob.size);
  if (range && !isRangeWithin(range, size)) {
    throw new DomainError("INVALID_INPUT", `The range ${range.start}-${range.end} is outside the content (${size} bytes).`);
  }
  const first = range?.start ?? 0;
  const last = range ? range.end : size - 1;

  // Which part of which chunk each piece of the answer comes from.
  const pieces: Piece[] = [];
  let offset = 0;
  for (const { chunk, offset: sliceStart, length } of blob.chunks) {
    const sliceSize = length ?? chunk.size - sliceStart; // a packed chunk holds several blobs' slices
    const sliceEnd = offset + sliceSize - 1;
    if (sliceEnd >= first && offset <= last) {
      pieces.push({
        chunk: { id: chunk.id, generation: chunk.generation },
        nodes: chunk.replicas.map((r) => r.nodeId),
        from: sliceStart + Math.max(first, offset) - offset,
        to: sliceStart + Math.min(last, sliceEnd) - offset + 1,
      });
    }
    offset += sliceSize;
  }

  const fetchPiece = (piece: Piece) =>
    ctx.store.read(organizationId, piece.chunk, piece.nodes, ctx.keys).then((plain) => plain.subarray(piece.from, piece.to));

  // Up to AHEAD chunks are fetched and decrypted ahead of the reader.
  async function* bytes() {
    const ahead: Promise<Buffer>[] = [];
    let fetched = 0;
    const topUp = () => {
      while (ahead.length < AHEAD && fetched < pieces.length) {
        const next = fetchPiece(pieces[fetched++]!);
        next.catch(() => {}); // its error surfaces when it is awaited
        ahead.push(next);
      }
    };
    topUp();
    while (ahead.length > 0) {
      const current = ahead.shift()!;
      topUp();
      yield await current;
    }
  }

  return { size, digest: blob.digest, range: range ?? null, stream: Readable.from(bytes(), { objectMode: false }) };
}

function isRangeWithin({ start, end }: ByteRange, size: number): boolean {
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end < size;
}
