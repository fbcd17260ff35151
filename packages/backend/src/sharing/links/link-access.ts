import { applyScope, type Database, type ScopedDb } from "@awan/db";
import { withAfterCommit, type AfterCommit } from "../../after-commit";
import { recordActivity } from "../../activity/activity-log";
import { DomainError } from "../../errors";
import { sharedAccess } from "../../files/access";
import { pathOf } from "../../files/file-scope";
import { hashSecretToken } from "../../secret-token";
import { linkRefused, linkState } from "./link-state";

// newSecretToken: 24 random bytes in base64url. Anything else cannot be a token, so no query is made for it.
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

const PUBLIC_LINK_SELECT = {
  id: true,
  organizationId: true,
  itemId: true,
  mode: true,
  passwordHash: true,
  expiresAt: true,
  maxDownloads: true,
  downloadCount: true,
  failedAttempts: true,
  lockedUntil: true,
  revokedAt: true,
  createdById: true,
} as const;

export type PublicLink = {
  id: string;
  organizationId: string;
  itemId: string;
  mode: "VIEW" | "DROP";
  passwordHash: string | null;
  expiresAt: Date | null;
  maxDownloads: number | null;
  downloadCount: number;
  failedAttempts: number;
  lockedUntil: Date | null;
  revokedAt: Date | null;
  createdById: string;
};

/** The item a link leads to: its own row, and the drive it is in. */
export type LinkedItem = { id: string; driveId: string; kind: "FILE" | "FOLDER"; name: string; size: bigint; contentType: string | null; currentVersionId: string | null; modifiedAt: Date };

/** What an anonymous request works with once its token has been resolved: the organization's scope and no person. */
export type LinkScope = { tx: ScopedDb; link: PublicLink; item: LinkedItem; afterCommit: AfterCommit };

/**
 * Runs `work` for whoever holds `token`: finds the link by its token's hash
 * (the only row that setting opens), then works inside the link's
 * organization. Refuses unknown, revoked, expired and used-up links, and
 * links whose item is gone, in the trash, or no longer editable by the
 * person who made the link.
 */
export async function withLink<T>(db: Database, token: string, work: (scope: LinkScope) => Promise<T>, now = new Date()): Promise<T> {
  if (!TOKEN.test(token)) throw linkRefused("unknown");
  const tokenHash = hashSecretToken(token);
  return withAfterCommit(db, { tokenHash }, async (tx, afterCommit) => {
    const link = await tx.shareLink.findUnique({ where: { tokenHash }, select: PUBLIC_LINK_SELECT });
    if (!link) throw linkRefused("unknown");
    await applyScope(tx, { organizationId: link.organizationId });
    const state = linkState(link, now);
    if (state !== "active") throw linkRefused(state);
    const item = await liveLinkedItem(tx, link);
    return work({ tx, link, item, afterCommit });
  });
}

async function liveLinkedItem(tx: ScopedDb, link: PublicLink): Promise<LinkedItem> {
  const item = await tx.fileItem.findFirst({
    where: { id: link.itemId, organizationId: link.organizationId, kind: { in: ["FILE", "FOLDER"] } },
    select: { id: true, driveId: true, kind: true, name: true, size: true, contentType: true, currentVersionId: true, modifiedAt: true, drive: { select: { ownerUserId: true } } },
  });
  if (!item) throw linkRefused("unavailable");
  const path = await pathOf(tx, item.id);
  if (path.some((p) => p.trashedAt)) throw linkRefused("unavailable");
  // A link speaks for the person who made it: it stops when they leave or lose edit access.
  if (item.drive.ownerUserId !== link.createdById) {
    const membership = await tx.membership.findFirst({ where: { organizationId: link.organizationId, userId: link.createdById }, select: { id: true } });
    const shared = membership ? await sharedAccess(tx, link.createdById, path.map((p) => p.id)) : null;
    if (!shared?.access.edit) throw linkRefused("unavailable");
  }
  const { drive: _drive, kind, ...rest } = item;
  return { ...rest, kind: kind as LinkedItem["kind"] };
}

/**
 * An item inside the link's subtree (the linked item itself, or anything live
 * under the linked folder), with its path from the linked item down. Any id
 * outside it — elsewhere in the drive, in another organization, in the
 * trash — is refused exactly like one that does not exist.
 */
export async function itemInLink({ tx, link }: Pick<LinkScope, "tx" | "link">, itemId: string, kind?: "FILE" | "FOLDER") {
  const notFound = () => notInLink(kind);
  const path = await pathOf(tx, itemId);
  const rootIndex = path.findIndex((p) => p.id === link.itemId);
  if (rootIndex === -1 || path.some((p) => p.trashedAt)) throw notFound();
  const item = await tx.fileItem.findFirst({
    where: { id: itemId, organizationId: link.organizationId, kind: kind ?? { in: ["FILE", "FOLDER"] } },
    select: { id: true, kind: true, name: true, size: true, contentType: true, currentVersionId: true, modifiedAt: true },
  });
  if (!item) throw notFound();
  return { ...item, kind: item.kind as "FILE" | "FOLDER", path: path.slice(rootIndex).map(({ id, name }) => ({ id, name })) };
}

function notInLink(kind?: "FILE" | "FOLDER") {
  return new DomainError("NOT_FOUND", `This ${kind === "FOLDER" ? "folder" : kind === "FILE" ? "file" : "item"} is not part of this link.`);
}

/** Link access goes to the organization's activity log, by no person: "Someone with a link". */
export function recordLinkAccess(tx: ScopedDb, link: PublicLink, action: "open" | "download" | "upload", subjectId: string, summary: string) {
  return recordActivity(tx, { organizationId: link.organizationId, userId: null }, { action: `link.${action}`, subjectId, summary });
}
