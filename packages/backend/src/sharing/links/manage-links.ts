import type { ScopedDb } from "@awan/db";
import { recordActivity } from "../../activity/activity-log";
import { hashPassword } from "../../auth/passwords";
import { DomainError } from "../../errors";
import { findItem, type FileScope } from "../../files/file-scope";
import { linkPolicy } from "../../files/settings";
import { newSecretToken } from "../../secret-token";
import { linkState } from "./link-state";
import type { CreateShareLink, UpdateShareLink } from "./schemas";

/** Where a link's public page is, relative to the console's origin. */
export const PUBLIC_PAGE_PATH = "/s";

const MAX_LINKS_PER_ITEM = 100;
const DAY_MS = 24 * 3600_000;

const LINK_SELECT = {
  id: true,
  itemId: true,
  mode: true,
  passwordHash: true,
  expiresAt: true,
  maxDownloads: true,
  downloadCount: true,
  lockedUntil: true,
  revokedAt: true,
  createdAt: true,
  createdById: true,
} as const;

type LinkRow = { id: string; mode: "VIEW" | "DROP"; passwordHash: string | null; expiresAt: Date | null; maxDownloads: number | null; downloadCount: number; lockedUntil: Date | null; revokedAt: Date | null; createdAt: Date };

/** A link as its managers see it: its settings and state, never its token (only the hash is kept) nor its password. */
function listed(link: LinkRow, now: Date) {
  const { passwordHash, ...rest } = link;
  return { ...rest, hasPassword: passwordHash !== null, state: linkState(link, now), locked: link.lockedUntil !== null && link.lockedUntil > now };
}
export type ListedShareLink = ReturnType<typeof listed>;

/** The organization's policy, or a message saying what to change. */
async function checkPolicy(tx: ScopedDb, organizationId: string, link: { hasPassword: boolean; expiresAt: Date | null }, now: Date) {
  const policy = await linkPolicy(tx, organizationId);
  if (policy.linkPasswordRequired && !link.hasPassword) {
    throw new DomainError("INVALID_INPUT", "Your organization requires a password on public links. Set one.");
  }
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) throw new DomainError("INVALID_INPUT", "Choose an expiry date in the future.");
  if (policy.linkMaxExpiryDays !== null) {
    const latest = new Date(now.getTime() + policy.linkMaxExpiryDays * DAY_MS);
    if (!link.expiresAt || link.expiresAt.getTime() > latest.getTime()) {
      throw new DomainError(
        "INVALID_INPUT",
        `Your organization requires public links to expire within ${policy.linkMaxExpiryDays} days: choose a date no later than ${latest.toISOString().slice(0, 10)}.`,
      );
    }
  }
}

/** The item a link may be made or managed for: the actor must be able to edit it. */
async function linkableItem(scope: Pick<FileScope, "tx" | "actor">, itemId: string) {
  const item = await findItem(scope, itemId, "live", undefined, "edit");
  if (item.kind === "SHORTCUT") throw new DomainError("INVALID_INPUT", "This is a shortcut to something shared with you; open it to make a link to the item itself.");
  return item;
}

/**
 * A new public link to a file or folder. Its token is in the answer once
 * and nowhere else: only its hash is stored.
 */
export async function createShareLink(scope: Pick<FileScope, "tx" | "actor">, input: CreateShareLink, now = new Date()) {
  const { tx, actor } = scope;
  const item = await linkableItem(scope, input.itemId);
  if (input.mode === "DROP" && item.kind !== "FOLDER") throw new DomainError("INVALID_INPUT", "A file drop needs a folder for the files to go into.");
  if (input.mode === "DROP" && input.maxDownloads !== null) throw new DomainError("INVALID_INPUT", "Nothing is downloaded through a file drop: leave the download limit empty.");
  await checkPolicy(tx, actor.organizationId, { hasPassword: input.password !== null, expiresAt: input.expiresAt }, now);
  const count = await tx.shareLink.count({ where: { itemId: item.id, revokedAt: null } });
  if (count >= MAX_LINKS_PER_ITEM) throw new DomainError("INVALID_INPUT", `This item has ${MAX_LINKS_PER_ITEM} links; turn off one you no longer need first.`);

  const { token, tokenHash } = newSecretToken();
  const link = await tx.shareLink.create({
    data: {
      organizationId: actor.organizationId,
      itemId: item.id,
      tokenHash,
      mode: input.mode,
      passwordHash: input.password === null ? null : await hashPassword(input.password),
      expiresAt: input.expiresAt,
      maxDownloads: input.maxDownloads,
      createdById: actor.userId,
    },
    select: LINK_SELECT,
  });
  await recordActivity(tx, actor, {
    action: "link.create",
    subjectId: item.id,
    summary: `${input.mode === "DROP" ? "Opened a file drop into" : "Made a public link to"} “${item.name}”${describeLimits(input)}`,
  });
  return { link: listed(link, now), token, path: `${PUBLIC_PAGE_PATH}/${token}` };
}

function describeLimits(link: { password: string | null; expiresAt: Date | null; maxDownloads: number | null }): string {
  const parts = [
    link.password !== null ? "with a password" : null,
    link.expiresAt ? `until ${link.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : null,
    link.maxDownloads !== null ? `for ${link.maxDownloads} downloads` : null,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** The item's links, newest first, including those turned off or used up, so managers see why one stopped working. */
export async function listShareLinks(scope: Pick<FileScope, "tx" | "actor">, itemId: string, now = new Date()) {
  const item = await linkableItem(scope, itemId);
  const links = await scope.tx.shareLink.findMany({ where: { itemId: item.id }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: LINK_SELECT });
  return links.map((link) => listed(link, now));
}

/** A link of the organization and its item, for someone who may edit the item. */
async function managedLink(scope: Pick<FileScope, "tx" | "actor">, linkId: string) {
  const link = await scope.tx.shareLink.findFirst({ where: { id: linkId, organizationId: scope.actor.organizationId }, select: LINK_SELECT });
  if (!link) throw new DomainError("NOT_FOUND", "This link does not exist, or you cannot see it.");
  const item = await linkableItem(scope, link.itemId).catch((error: unknown) => {
    // Someone who cannot see the item learns nothing about its links either.
    if (error instanceof DomainError && error.code === "FORBIDDEN") throw new DomainError("FORBIDDEN", "Only people who can edit this item can change its links.");
    throw error;
  });
  return { link, item };
}

/** Changes a link's password, expiry or download limit; the policy applies to the result. */
export async function updateShareLink(scope: Pick<FileScope, "tx" | "actor">, input: UpdateShareLink, now = new Date()) {
  const { tx, actor } = scope;
  const { link, item } = await managedLink(scope, input.linkId);
  if (link.revokedAt) throw new DomainError("CONFLICT", "This link was turned off; make a new one instead.");
  if (link.mode === "DROP" && input.maxDownloads) throw new DomainError("INVALID_INPUT", "Nothing is downloaded through a file drop: leave the download limit empty.");
  const expiresAt = input.expiresAt === undefined ? link.expiresAt : input.expiresAt;
  const hasPassword = input.password === undefined ? link.passwordHash !== null : input.password !== null;
  await checkPolicy(tx, actor.organizationId, { hasPassword, expiresAt }, now);
  const passwordChange =
    input.password === undefined ? {} : { passwordHash: input.password === null ? null : await hashPassword(input.password), failedAttempts: 0, lockedUntil: null };
  const updated = await tx.shareLink.update({
    where: { id: link.id },
    data: { ...passwordChange, ...(input.expiresAt !== undefined && { expiresAt }), ...(input.maxDownloads !== undefined && { maxDownloads: input.maxDownloads }) },
    select: LINK_SELECT,
  });
  await recordActivity(tx, actor, { action: "link.update", subjectId: item.id, summary: `Changed a public link to “${item.name}”` });
  return listed(updated, now);
}

/** Turns a link off for good: whoever holds it is told so. */
export async function revokeShareLink(scope: Pick<FileScope, "tx" | "actor">, linkId: string, now = new Date()) {
  const { tx, actor } = scope;
  const { link, item } = await managedLink(scope, linkId);
  if (link.revokedAt) return listed(link, now);
  const revoked = await tx.shareLink.update({ where: { id: link.id }, data: { revokedAt: now }, select: LINK_SELECT });
  await recordActivity(tx, actor, { action: "link.revoke", subjectId: item.id, summary: `Turned off a public link to “${item.name}”` });
  return listed(revoked, now);
}
