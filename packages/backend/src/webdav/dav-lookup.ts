import { Prisma, type Role, type ScopedDb } from "@awan/db";
import { blobLayoutJson, layoutFromJson, type BlobLayout } from "../storage";
import type { Actor } from "../tenancy/memberships";
import type { DavSignIn } from "./dav-auth";
import { DAV_ITEM_COLUMNS, DAV_ITEM_CONTENT, resolvedFrom, type DavItem, type Resolved } from "./dav-items";

/** The drive's and the organization's use and quota (null quota: none), as quota.ts's usage() tells them. */
export type DavUsage = {
  drive: { usedBytes: number; quotaBytes: number | null };
  organization: { usedBytes: number; quotaBytes: number | null };
};

/** What one lookup tells: who asks (as they are now), their drive, its use, where the path leads, and (if asked) where a file's bytes are. */
export type DavLookup = { actor: Actor; driveId: string | null; usage: DavUsage | null; resolved: Resolved | null; layout: BlobLayout | null };

type Row = Partial<DavItem> & {
  role: Role;
  driveId: string | null;
  driveUsed: bigint | null;
  driveQuota: bigint | null;
  hasSettings: boolean;
  orgUsed: bigint | null;
  orgQuota: bigint | null;
  depth: number | null;
  layout: unknown;
};

/**
 * Inside the request's transaction, one statement: the app password still
 * exists and its person is still a member (with their role as it is now),
 * their drive's id and quota use, and the path walked down that drive as
 * far as it exists. Null when the app password is gone. The path is not
 * resolved (resolved: null) when there is no drive yet; nor is the usage
 * when the organization's file settings do not exist yet. With `layout`,
 * the layout of the file's content the path names, for a GET to read it
 * without a transaction of its own.
 */
export async function lookUpSignIn(tx: ScopedDb, signedIn: DavSignIn, names: string[], opts: { layout?: boolean } = {}): Promise<DavLookup | null> {
  const layout = opts.layout
    ? Prisma.sql`CASE WHEN walk.depth = cardinality(${names}::text[]) AND i."kind" = 'FILE' THEN ${blobLayoutJson(Prisma.sql`v."blobId"`, signedIn.actor.organizationId)} END`
    : Prisma.sql`NULL`;
  const { organizationId, userId } = signedIn.actor;
  const rows = await tx.$queryRaw<Row[]>`
    WITH RECURSIVE me AS (
      SELECT m."role", d."id" AS "driveId", d."usedBytes" AS "driveUsed", coalesce(d."quotaBytes", s."personQuotaBytes") AS "driveQuota",
             s."organizationId" IS NOT NULL AS "hasSettings", s."usedBytes" AS "orgUsed", s."quotaBytes" AS "orgQuota"
      FROM "AppPassword" a
      JOIN "Membership" m ON m."organizationId" = a."organizationId" AND m."userId" = a."userId"
      LEFT JOIN "Drive" d ON d."organizationId" = a."organizationId" AND d."ownerUserId" = a."userId"
      LEFT JOIN "FileSettings" s ON s."organizationId" = a."organizationId"
      WHERE a."tokenHash" = ${signedIn.tokenHash} AND a."organizationId" = ${organizationId}::uuid AND a."userId" = ${userId}::uuid
    ), walk AS (
      SELECT i."id", i."kind", 1 AS depth FROM me JOIN "FileItem" i ON i."driveId" = me."driveId"
      WHERE i."parentId" IS NULL AND i."name" = (${names}::text[])[1] AND i."trashedAt" IS NULL AND i."kind" <> 'SHORTCUT'
      UNION ALL
      SELECT c."id", c."kind", walk.depth + 1 FROM walk JOIN "FileItem" c ON c."parentId" = walk."id"
      WHERE walk."kind" = 'FOLDER' AND walk.depth < cardinality(${names}::text[]) AND c."name" = (${names}::text[])[walk.depth + 1]
        AND c."trashedAt" IS NULL AND c."kind" <> 'SHORTCUT'
    )
    SELECT me.*, walked.* FROM me LEFT JOIN (
      SELECT ${DAV_ITEM_COLUMNS}, walk.depth, ${layout} AS "layout" FROM walk JOIN "FileItem" i ON i."id" = walk."id" ${DAV_ITEM_CONTENT}
    ) walked ON true
    ORDER BY walked.depth`;
  const first = rows[0];
  if (!first) return null;
  const actor = { organizationId, userId, role: first.role };
  const usage = first.hasSettings && first.driveId !== null
    ? {
        drive: { usedBytes: Number(first.driveUsed), quotaBytes: numberOrNull(first.driveQuota) },
        organization: { usedBytes: Number(first.orgUsed), quotaBytes: numberOrNull(first.orgQuota) },
      }
    : null;
  if (first.driveId === null) return { actor, driveId: null, usage, resolved: null, layout: null };
  const walked = rows.flatMap((r) => (r.depth === null ? [] : [itemOf(r)]));
  const resolved = resolvedFrom(names, walked);
  return { actor, driveId: first.driveId, usage, resolved, layout: resolved.exists ? layoutFromJson(rows.at(-1)!.layout) : null };
}

const numberOrNull = (value: bigint | null) => (value === null ? null : Number(value));

function itemOf(row: Row): DavItem {
  return {
    id: row.id!,
    parentId: row.parentId ?? null,
    kind: row.kind!,
    name: row.name!,
    size: row.size!,
    contentType: row.contentType ?? null,
    createdAt: row.createdAt!,
    modifiedAt: row.modifiedAt!,
    digest: row.digest ?? null,
    blobId: row.blobId ?? null,
  };
}
