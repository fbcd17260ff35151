import type { Database } from "@awan/db";
import { DomainError } from "../../errors";
import { serveStoredFile } from "../../files/transfer/download";
import { zipEntriesOf, zipResponse } from "../../files/transfer/zip-download";
import { idsFrom } from "../../files/transfer/url-ids";
import { itemInLink, recordLinkAccess, withLink, type LinkScope } from "./link-access";
import { requireUnlocked } from "./link-password";

const MAX_LISTED = 5000;

/** What a link's page shows before anything else: what kind of link it is, and what it leads to. */
export async function linkInfo(db: Database, token: string, cookie: string | null, now = new Date()) {
  return withLink(
    db,
    token,
    async ({ tx, link, item }) => {
      requireUnlocked(link, cookie, now);
      const drop = link.mode === "DROP";
      await recordLinkAccess(tx, link, "open", item.id, `Someone with a link opened ${drop ? "the file drop into " : ""}“${item.name}”`);
      return {
        mode: link.mode,
        expiresAt: link.expiresAt,
        downloadsLeft: link.maxDownloads === null ? null : link.maxDownloads - link.downloadCount,
        item: { id: item.id, kind: item.kind, name: item.name, size: drop ? null : Number(item.size), contentType: drop ? null : item.contentType },
      };
    },
    now,
  );
}

function requireView(link: LinkScope["link"]) {
  if (link.mode === "DROP") throw new DomainError("FORBIDDEN", "This is a file drop: you can add files to it, not see what is in it.");
}

/** A folder inside the link, with its path from the linked folder down (for breadcrumbs). */
export async function listLinkFolder(db: Database, token: string, cookie: string | null, folderId: string | null, now = new Date()) {
  return withLink(
    db,
    token,
    async (scope) => {
      requireUnlocked(scope.link, cookie, now);
      requireView(scope.link);
      const folder = await itemInLink(scope, folderId ?? scope.link.itemId, "FOLDER");
      const rows = await scope.tx.fileItem.findMany({
        where: { parentId: folder.id, trashedAt: null, kind: { in: ["FILE", "FOLDER"] } },
        orderBy: [{ kind: "asc" }, { name: "asc" }], // folders first: FOLDER comes first in the enum
        take: MAX_LISTED + 1,
        select: { id: true, kind: true, name: true, size: true, contentType: true, modifiedAt: true },
      });
      return {
        folder: { id: folder.id, name: folder.name },
        path: folder.path,
        items: rows.slice(0, MAX_LISTED).map((r) => ({ ...r, size: Number(r.size) })),
        truncated: rows.length > MAX_LISTED,
      };
    },
    now,
  );
}

/** Counts one download against the link's limit, or refuses when the limit is reached (also by a download running at the same moment). */
async function countDownload({ tx, link }: Pick<LinkScope, "tx" | "link">) {
  const counted = await tx.$executeRaw`
    UPDATE "ShareLink" SET "downloadCount" = "downloadCount" + 1
    WHERE "id" = ${link.id}::uuid AND ("maxDownloads" IS NULL OR "downloadCount" < "maxDownloads")`;
  if (counted === 0) throw new DomainError("GONE", "This link reached its download limit.");
}

/**
 * A request that starts a download: a GET from the first byte, not a
 * revalidation. The later ranges of the same file (a video seeking, a
 * download resuming) are not counted again.
 */
function startsDownload(request: Request): boolean {
  if (request.method !== "GET" || request.headers.has("if-none-match")) return false;
  const range = request.headers.get("range");
  return range === null || /^bytes=0-/.test(range.trim());
}

/** A file of the link, through serveStoredFile (ranges, and its sandbox and attachment rules). */
export async function serveLinkFile(request: Request, db: Database, token: string, cookie: string | null, fileId: string, now = new Date()) {
  const { organizationId, file } = await withLink(
    db,
    token,
    async (scope) => {
      requireUnlocked(scope.link, cookie, now);
      requireView(scope.link);
      const item = await itemInLink(scope, fileId, "FILE");
      const version = item.currentVersionId
        ? await scope.tx.fileVersion.findFirst({ where: { id: item.currentVersionId }, select: { blobId: true, blob: { select: { digest: true, size: true } } } })
        : null;
      if (!version) throw new DomainError("NOT_FOUND", "This file has no content yet.");
      if (startsDownload(request)) {
        await countDownload(scope);
        const inline = new URL(request.url).searchParams.get("disposition") === "inline";
        await recordLinkAccess(scope.tx, scope.link, "download", item.id, `Someone with a link ${inline ? "viewed" : "downloaded"} “${item.name}”`);
      }
      return {
        organizationId: scope.link.organizationId,
        file: { name: item.name, contentType: item.contentType, blobId: version.blobId, digest: version.blob.digest, size: Number(version.blob.size) },
      };
    },
    now,
  );
  return serveStoredFile(request, organizationId, file);
}

/** Items of the link (`?ids=`, or the whole linked folder) as one zip; one download against the limit. */
export async function serveLinkZip(request: Request, db: Database, token: string, cookie: string | null, now = new Date()) {
  const { organizationId, entries, name } = await withLink(
    db,
    token,
    async (scope) => {
      requireUnlocked(scope.link, cookie, now);
      requireView(scope.link);
      const asked = idsFrom(new URL(request.url).searchParams.get("ids"));
      if (asked.length > 1000) throw new DomainError("INVALID_INPUT", "Choose at most 1,000 items to download.");
      const ids = asked.length > 0 ? asked : [scope.link.itemId];
      const roots = [];
      for (const id of ids) roots.push(await itemInLink(scope, id));
      const entries = await zipEntriesOf(scope.tx, roots);
      await countDownload(scope);
      const single = roots.length === 1 && roots[0]!.kind === "FOLDER" ? roots[0]!.name : scope.item.name;
      await recordLinkAccess(scope.tx, scope.link, "download", scope.item.id, `Someone with a link downloaded ${roots.length === 1 ? `“${roots[0]!.name}”` : `${roots.length} items`} as a zip`);
      return { organizationId: scope.link.organizationId, entries, name: `${single}.zip` };
    },
    now,
  );
  return zipResponse(organizationId, entries, name);
}
