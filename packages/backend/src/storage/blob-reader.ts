import { Readable } from "node:stream";
import { Prisma, withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { sliceOfParts } from "./chunk-cipher";
import type { ChunkStore } from "./chunk-store";
import type { OrganizationKeys } from "./organization-keys";

export type ByteRange = { start: number; end: number }; // inclusive, as in HTTP

export type OpenedBlob = { size: number; digest: string; range: ByteRange | null; stream: Readable };

type ReadContext = { db: Database; store: ChunkStore; organizationId: string; keys: OrganizationKeys };

const AHEAD = 3;

type LayoutRow = {
  size: bigint;
  digest: string;
  offset: number | null;
  length: number | null;
  id: string | null;
  generation: string | null;
  chunkSize: number | null;
  nodes: string[];
};

/** Where a complete blob's bytes are: its chunks in order (each a whole chunk or a packed slice of one) and their replicas. */
export type BlobLayout = {
  size: bigint;
  digest: string;
  chunks: { offset: number; length: number | null; chunk: { id: string; generation: string; size: number; nodes: string[] } }[];
};

type Piece = { chunk: { id: string; generation: string }; nodes: string[]; from: number; to: number };

/**
 * A complete blob's layout in one query (each read of a small file is
 * mostly this), in the caller's transaction of the blob's organization;
 * null when there is no such blob.
 */
export async function readBlobLayout(tx: ScopedDb, organizationId: string, blobId: string): Promise<BlobLayout | null> {
  const rows = await tx.$queryRaw<LayoutRow[]>`
    SELECT b."size", b."digest", bc."offset", bc."length", c."id", c."generation", c."size" AS "chunkSize",
           coalesce(array_agg(r."nodeId") FILTER (WHERE r."nodeId" IS NOT NULL), '{}') AS "nodes"
    FROM "Blob" b
    LEFT JOIN "BlobChunk" bc ON bc."blobId" = b."id"
    LEFT JOIN "Chunk" c ON c."organizationId" = bc."organizationId" AND c."id" = bc."chunkId"
    LEFT JOIN "ChunkReplica" r ON r."organizationId" = c."organizationId" AND r."chunkId" = c."id"
    WHERE b."id" = ${blobId}::uuid AND b."organizationId" = ${organizationId}::uuid AND b."complete"
    GROUP BY b."id", bc."index", bc."offset", bc."length", c."id", c."generation", c."size"
    ORDER BY bc."index"`;
  const first = rows[0];
  if (!first) return null;
  return {
    size: first.size,
    digest: first.digest,
    chunks: rows.flatMap((r) =>
      r.id === null ? [] : [{ offset: r.offset!, length: r.length, chunk: { id: r.id, generation: r.generation!, size: r.chunkSize!, nodes: r.nodes } }],
    ),
  };
}

/**
 * readBlobLayout as a SQL expression, for a query that finds the blob id
 * itself (a file's current version): JSON for layoutFromJson, null when
 * there is no such complete blob.
 */
export function blobLayoutJson(blobId: Prisma.Sql, organizationId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT json_build_object('size', b."size"::text, 'digest', b."digest", 'chunks', coalesce((
      SELECT json_agg(json_build_object('offset', bc."offset", 'length', bc."length", 'id', c."id", 'generation', c."generation", 'size', c."size",
        'nodes', (SELECT coalesce(array_agg(r."nodeId"), '{}') FROM "ChunkReplica" r WHERE r."organizationId" = c."organizationId" AND r."chunkId" = c."id"))
        ORDER BY bc."index")
      FROM "BlobChunk" bc JOIN "Chunk" c ON c."organizationId" = bc."organizationId" AND c."id" = bc."chunkId"
      WHERE bc."blobId" = b."id"), '[]'))
    FROM "Blob" b WHERE b."id" = ${blobId} AND b."organizationId" = ${organizationId}::uuid AND b."complete")`;
}

type LayoutJson = {
  size: string;
  digest: string;
  chunks: { offset: number; length: number | null; id: string; generation: string; size: number; nodes: string[] }[];
};

/** The layout blobLayoutJson selected, or null. */
export function layoutFromJson(value: unknown): BlobLayout | null {
  if (value === null || value === undefined) return null;
  const json = (typeof value === "string" ? JSON.parse(value) : value) as LayoutJson;
  return {
    size: BigInt(json.size),
    digest: json.digest,
    chunks: json.chunks.map((c) => ({ offset: c.offset, length: c.length, chunk: { id: c.id, generation: c.generation, size: c.size, nodes: c.nodes } })),
  };
}

/**
 * Opens a blob for reading, whole or a byte range. The stream decrypts one
 * chunk at a time with the next few already on their way, so memory stays at
 * a few chunks however large the blob. An empty range or one past the end is
 * INVALID_INPUT (HTTP 416). A layout already read (readBlobLayout, in a
 * transaction the caller had open anyway) saves a transaction of its own.
 */
export async function openBlob(ctx: ReadContext, blobId: string, range?: ByteRange, layout?: BlobLayout): Promise<OpenedBlob> {
  const { organizationId } = ctx;
  const blob = layout ?? (await withTenantScope(ctx.db, { organizationId }, (tx) => readBlobLayout(tx, organizationId, blobId)));
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
        nodes: chunk.nodes,
        from: sliceStart + Math.max(first, offset) - offset,
        to: sliceStart + Math.min(last, sliceEnd) - offset + 1,
      });
    }
    offset += sliceSize;
  }

  const fetchPiece = (piece: Piece) =>
    ctx.store.read(organizationId, piece.chunk, piece.nodes, ctx.keys).then((plain) => sliceOfParts(plain, piece.from, piece.to));

  // Up to AHEAD chunks are fetched and decrypted ahead of the reader.
  async function* bytes() {
    const ahead: Promise<Buffer[]>[] = [];
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
      yield* await current;
    }
  }

  return { size, digest: blob.digest, range: range ?? null, stream: Readable.from(bytes(), { objectMode: false }) };
}

function isRangeWithin({ start, end }: ByteRange, size: number): boolean {
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end < size;
}
