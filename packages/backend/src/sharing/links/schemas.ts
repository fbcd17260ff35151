import { z } from "zod";

const Id = z.uuid({ error: "This names a file, folder or link that cannot exist. Check that the link was copied whole." });
const Password = z.string().min(8, { error: "Use at least 8 characters for a link password." }).max(256, { error: "Use at most 256 characters." });
const MaxDownloads = z.number({ error: "Enter the download limit as a number." }).int().min(1, { error: "Allow at least 1 download." }).max(1_000_000);

export const CreateShareLinkInput = z.object({
  itemId: Id,
  mode: z.enum(["VIEW", "DROP"]).default("VIEW"),
  password: Password.nullable().default(null),
  expiresAt: z.date().nullable().default(null),
  maxDownloads: MaxDownloads.nullable().default(null),
});
export type CreateShareLink = z.infer<typeof CreateShareLinkInput>;

export const ItemLinksInput = z.object({ itemId: Id });
export const ShareLinkIdInput = z.object({ linkId: Id });

/** Left out: unchanged; null: removed (no expiry, no limit, no password). */
export const UpdateShareLinkInput = z.object({
  linkId: Id,
  password: Password.nullable().optional(),
  expiresAt: z.date().nullable().optional(),
  maxDownloads: MaxDownloads.nullable().optional(),
});
export type UpdateShareLink = z.infer<typeof UpdateShareLinkInput>;
