import { PassThrough, Readable } from "node:stream";
import type { ScopedDb } from "@awan/db";
import { ZipFile } from "yazl";
import { DomainError } from "../../errors";
import { getStorageEngine } from "../../storage";
import { findItem } from "../file-scope";
import { freeName } from "../names";
import { contentDisposition } from "./content-disposition";
import { idsFrom } from "./url-ids";
import type { TransferScope } from "./transfer-scope";

/** One entry of a zip: its path inside the zip and, for a file, the blob that holds its content. */
export type ZipEntry = { path: string; kind: "FILE" | "FOLDER"; blobId: string | null; size: number; modifiedAt: Date };

const MAX_ZIP_ENTRIES = 100_000;

/** Several items the viewer may see, folders with all their live contents, as one zip (zipResponse). */
export async function serveZip(request: Request, scope: TransferScope): Promise<Response> {
  const ids = idsFrom(new URL(request.url).searchParams.get("ids"));
  if (ids.length === 0 || ids.length > 1000) throw new DomainError("INVALID_INPUT", "Choose between 1 and 1,000 items to download.");
  const { entries, name } = await scope.run(async (files) => {
    const roots = [];
    for (const id of ids) roots.push(await findItem(files, id, "live", undefined, "view"));
    const single = roots.length === 1 && roots[0]!.kind === "FOLDER" ? roots[0]!.name : null;
    return { entries: await zipEntriesOf(files.tx, roots), name: `${single ?? "Files"}.zip` };
  });
  return zipResponse(scope.organizationId, entries, name);
}

/** Items (checked by the caller) and everything live under them, as zip entries. */
export async function zipEntriesOf(tx: ScopedDb, roots: { id: string; name: string }[]): Promise<ZipEntry[]> {
  const all: ZipEntry[] = [];
  const rootNames = new Set<string>();
  for (const root of roots) {
    // Two selected items of the same name (from different folders) must not collide in the zip.
    const rootName = freeName(root.name, (n) => rootNames.has(n));
    rootNames.add(rootName);
    for (const entry of await entriesUnder(tx, root.id)) all.push({ ...entry, path: rootName + entry.path.slice(root.name.length) });
    if (all.length > MAX_ZIP_ENTRIES) throw new DomainError("INVALID_INPUT", `A zip can hold at most ${MAX_ZIP_ENTRIES.toLocaleString("en")} items.`);
  }
  return all;
}

/**
 * Resolved entries as one zip named `name`, streamed as it is made: each file
 * is read from storage only when its turn comes, so memory stays flat however
 * large the folder. Entries are stored, not compressed (most files people
 * keep are compressed already); ZIP64 takes over past 4 GiB. Whoever calls it
 * has checked that the asker may read every entry.
 */
export function zipResponse(organizationId: string, entries: ZipEntry[], name: string): Response {
  const zip = new ZipFile();
  const engine = getStorageEngine();
  for (const { path, ...entry } of entries) {
    if (entry.kind === "FOLDER") {
      zip.addEmptyDirectory(path, { mtime: entry.modifiedAt });
    } else if (entry.blobId === null || entry.size === 0) {
      zip.addBuffer(Buffer.alloc(0), path, { mtime: entry.modifiedAt, compress: false });
    } else {
      const blobId = entry.blobId;
      zip.addReadStreamLazy(path, { mtime: entry.modifiedAt, compress: false, size: entry.size }, (callback) => {
        engine.open(organizationId, blobId).then(
          (opened) => callback(null, opened.stream),
          (error: unknown) => callback(error as Error, new PassThrough()),
        );
      });
    }
  }
  zip.end();
  return new Response(Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition("attachment", name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

/** The item and everything live under it, as zip paths ("Photos/2026/a.jpg"), parents first. */
async function entriesUnder(tx: ScopedDb, rootId: string): Promise<ZipEntry[]> {
  const rows = await tx.$queryRaw<{ path: string; kind: "FILE" | "FOLDER"; blobId: string | null; size: bigint; modifiedAt: Date }[]>`
    WITH RECURSIVE down AS (
      SELECT i."id", i."name"::text AS path, i."kind"::text AS kind, i."currentVersionId", i."size", i."modifiedAt", 0 AS depth
      FROM "FileItem" i WHERE i."id" = ${rootId}::uuid
      UNION ALL
      SELECT c."id", down.path || '/' || c."name", c."kind"::text, c."currentVersionId", c."size", c."modifiedAt", down.depth + 1
      FROM "FileItem" c JOIN down ON c."parentId" = down."id" WHERE c."trashedAt" IS NULL AND c."kind" <> 'SHORTCUT'
    )
    SELECT down.path, down.kind, v."blobId", down."size", down."modifiedAt"
    FROM down LEFT JOIN "FileVersion" v ON v."id" = down."currentVersionId"
    ORDER BY down.depth, down.path`;
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}
