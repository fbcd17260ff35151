import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import { cloneBlob } from "../storage";
import { findItem, findTargetFolder, namesIn, type FileScope } from "./file-scope";
import { freeName } from "./names";
import { reserveBytes } from "./quota";
import { addVersion } from "./versions";

type Node = { id: string; parentId: string | null; kind: "FILE" | "FOLDER"; name: string; size: bigint; contentType: string | null; blobId: string | null };

/**
 * Copies items (folders with everything live in them) into a folder. A name
 * that is taken there gets " (2)". File contents are not copied: each copy
 * is a new blob over the same chunks. The copies count against the quota.
 * `name`, for one item, names the copy instead (WebDAV COPY names its destination).
 */
export async function copyItems(scope: FileScope, input: { itemIds: string[]; folderId: string | null; name?: string }) {
  const { tx, actor } = scope;
  const target = await findTargetFolder(scope, input.folderId, "upload");
  const taken = await namesIn(tx, target.driveId, target.folderId);
  for (const itemId of input.itemIds) {
    const root = await findItem(scope, itemId, "live", undefined, "view");
    if (root.kind === "SHORTCUT") throw new DomainError("INVALID_INPUT", `“${root.name}” is a shortcut to something shared with you; open it to copy what is inside.`);
    const nodes = await liveSubtree(scope, root.id);
    await reserveBytes(tx, actor.organizationId, target.driveId, nodes.reduce((sum, n) => sum + (n.kind === "FILE" ? n.size : 0n), 0n));
    const newIds = new Map<string, string>();
    for (const node of nodes) {
      const isRoot = node.id === root.id;
      const name = isRoot ? (input.name ?? freeName(node.name, (n) => taken.has(n))) : node.name;
      if (isRoot) taken.add(name);
      const copy = await tx.fileItem.create({
        data: {
          organizationId: actor.organizationId,
          driveId: target.driveId,
          parentId: isRoot ? target.folderId : newIds.get(node.parentId!)!,
          kind: node.kind,
          name,
          contentType: node.contentType,
          createdById: actor.userId,
        },
        select: { id: true },
      });
      newIds.set(node.id, copy.id);
      if (node.blobId) {
        const blobId = await cloneBlob(tx, actor.organizationId, node.blobId);
        await addVersion(tx, { ...actor, fileId: copy.id, blobId, size: node.size });
      }
    }
    await recordActivity(tx, actor, { action: `${root.kind === "FILE" ? "file" : "folder"}.copy`, subjectId: newIds.get(root.id), summary: `Copied “${root.name}”` });
  }
}

/** The item and its live descendants, parents before children, with each file's current blob. */
async function liveSubtree({ tx }: FileScope, rootId: string): Promise<Node[]> {
  return tx.$queryRaw<Node[]>`
    WITH RECURSIVE down AS (
      SELECT i."id", i."parentId", i."kind"::text AS kind, i."name", i."size", i."contentType", i."currentVersionId", 0 AS depth
      FROM "FileItem" i WHERE i."id" = ${rootId}::uuid
      UNION ALL
      SELECT c."id", c."parentId", c."kind"::text, c."name", c."size", c."contentType", c."currentVersionId", down.depth + 1
      FROM "FileItem" c JOIN down ON c."parentId" = down."id" WHERE c."trashedAt" IS NULL AND c."kind" <> 'SHORTCUT'
    )
    SELECT down."id", down."parentId", down.kind, down."name", down."size", down."contentType", v."blobId"
    FROM down LEFT JOIN "FileVersion" v ON v."id" = down."currentVersionId"
    ORDER BY down.depth, down."name"`;
}
