import { z } from "zod";

// Names are checked by checkName (names.ts) for clear messages; this only bounds the input.
const Name = z.string().max(1024, { error: "Names can be at most 255 bytes long." });
// An id that is not one comes from a mangled link or a hand-made request: say so plainly.
const Id = z.uuid({ error: "This names a file or folder that cannot exist. Check that the link was copied whole." });
const ItemIds = z.array(Id).min(1).max(1000);
const FolderId = Id.nullable();

export const ListFolderInput = z.object({
  folderId: FolderId,
  sort: z.enum(["name", "size", "modifiedAt"]).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  offset: z.number().int().min(0).default(0),
});
// A page cursor is an ordering position (a date and an id) taken from the page before, not a
// reference: the item may be gone since, and a position from another person's or organization's
// list only says where to start in the caller's own. Bounded to dates PostgreSQL can hold.
const PositionDate = z
  .date({ error: "This page position is not valid. Reload the list." })
  .min(new Date("0001-01-01T00:00:00Z"), { error: "This page position is not valid. Reload the list." })
  .max(new Date("9999-12-31T23:59:59Z"), { error: "This page position is not valid. Reload the list." });
const PositionId = z.uuid({ error: "This page position is not valid. Reload the list." });
export const TrashCursor = z.object({ trashedAt: PositionDate, id: PositionId });
export const SearchCursor = z.object({ modifiedAt: PositionDate, id: PositionId });

export const ListTrashInput = z.object({ cursor: TrashCursor.nullish() }).optional();
export const SearchInput = z.object({
  query: z.string().trim().min(1, { error: "Type part of a name to search for." }).max(255),
  cursor: SearchCursor.nullish(),
});
export const CreateFolderInput = z.object({ parentId: FolderId, name: Name });
export const EnsureFoldersInput = z.object({ parentId: FolderId, paths: z.array(z.array(Name).min(1).max(64)).max(10_000) });
export const RenameInput = z.object({ itemId: Id, name: Name });
export const MoveInput = z.object({ itemIds: ItemIds, folderId: FolderId });
export const ItemIdsInput = z.object({ itemIds: ItemIds });
export const RestoreInput = z.object({ itemId: Id, folderId: FolderId.optional() });
export const FileIdInput = z.object({ fileId: Id });
export const RestoreVersionInput = z.object({ fileId: Id, versionId: Id });

const Bytes = z.number().int().min(0).max(2 ** 53).nullable();
const Days = (what: string) => z.number({ error: `Enter ${what} in days.` }).int().min(1, { error: `${what} is at least 1 day.` }).max(36_500);
export const UpdateFileSettingsInput = z
  .object({
    quotaBytes: Bytes,
    personQuotaBytes: Bytes,
    keepAllVersionsDays: Days("How long every version is kept"),
    keepVersionsDays: Days("How long daily versions are kept").nullable(),
    // Public-link policy; left out, it stays as it is.
    linkPasswordRequired: z.boolean().optional(),
    linkMaxExpiryDays: Days("The longest a public link may last").nullable().optional(),
  })
  .refine((s) => s.keepVersionsDays === null || s.keepVersionsDays >= s.keepAllVersionsDays, {
    error: "Daily versions must be kept at least as long as every version.",
    path: ["keepVersionsDays"],
  });
