import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { copyItems } from "./copy";
import { myDriveId } from "./file-scope";
import { searchItems } from "./file-search";
import { createFolder, ensureFolders, listFolder, moveItems, renameItem } from "./folders";
import { usage } from "./quota";
import {
  CreateFolderInput,
  EnsureFoldersInput,
  FileIdInput,
  ItemIdsInput,
  ListFolderInput,
  ListTrashInput,
  MoveInput,
  RenameInput,
  RestoreInput,
  RestoreVersionInput,
  SearchInput,
  UpdateFileSettingsInput,
} from "./schemas";
import { getFileSettings, updateFileSettings } from "./settings";
import { deleteForever, emptyTrash, listTrash, restoreItem, trashItems } from "./trash";
import { listVersions, restoreVersion } from "./versions";

// Guests have no "My files" (myDriveId refuses them): they reach only what is shared with them.
const filesProcedure = orgProcedure("GUEST");

export const filesRouter = router({
  list: filesProcedure.input(ListFolderInput).query(({ ctx, input }) => listFolder(ctx, input)),
  search: filesProcedure.input(SearchInput).query(({ ctx, input }) => searchItems(ctx, input.query, input.cursor ?? undefined)),
  usage: filesProcedure.query(async ({ ctx }) => usage(ctx.tx, ctx.actor.organizationId, await myDriveId(ctx))),
  createFolder: filesProcedure.input(CreateFolderInput).mutation(({ ctx, input }) => createFolder(ctx, input)),
  ensureFolders: filesProcedure.input(EnsureFoldersInput).mutation(({ ctx, input }) => ensureFolders(ctx, input)),
  rename: filesProcedure.input(RenameInput).mutation(({ ctx, input }) => renameItem(ctx, input)),
  move: filesProcedure.input(MoveInput).mutation(({ ctx, input }) => moveItems(ctx, input)),
  copy: filesProcedure.input(MoveInput).mutation(({ ctx, input }) => copyItems(ctx, input)),
  trash: filesProcedure.input(ItemIdsInput).mutation(({ ctx, input }) => trashItems(ctx, input.itemIds)),
  listTrash: filesProcedure.input(ListTrashInput).query(({ ctx, input }) => listTrash(ctx, input?.cursor ?? undefined)),
  restore: filesProcedure.input(RestoreInput).mutation(({ ctx, input }) => restoreItem(ctx, input)),
  deleteForever: filesProcedure.input(ItemIdsInput).mutation(({ ctx, input }) => deleteForever(ctx, input.itemIds)),
  emptyTrash: filesProcedure.mutation(({ ctx }) => emptyTrash(ctx)),
  versions: filesProcedure.input(FileIdInput).query(({ ctx, input }) => listVersions(ctx, input.fileId)),
  restoreVersion: filesProcedure.input(RestoreVersionInput).mutation(({ ctx, input }) => restoreVersion(ctx, input)),
});

export const fileSettingsRouter = router({
  get: orgProcedure("ADMIN").query(({ ctx }) => getFileSettings(ctx.tx, ctx.actor.organizationId)),
  update: orgProcedure("ADMIN").input(UpdateFileSettingsInput).mutation(({ ctx, input }) => updateFileSettings(ctx.tx, ctx.actor, input)),
});
