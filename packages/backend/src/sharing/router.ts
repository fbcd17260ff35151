import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { addToMyFiles } from "./add-to-my-files";
import { listItemAccess } from "./item-access";
import {
  AddToMyFilesInput,
  ChangeShareRoleInput,
  ItemIdInput,
  ShareCandidatesInput,
  ShareIdInput,
  ShareItemInput,
  SharedWithMeInput,
} from "./schemas";
import { findShareCandidates } from "./share-candidates";
import { listSharedWithMe } from "./shared-with-me";
import { changeShareRole, revokeShare, shareItem } from "./shares";

// Guests see what is shared with them and who else has it; they do not
// share on (nor look through the organization's people to do so).
const seeShares = orgProcedure("GUEST");
const manageShares = orgProcedure("MEMBER");

export const sharingRouter = router({
  listForItem: seeShares.input(ItemIdInput).query(({ ctx, input }) => listItemAccess(ctx, input.itemId)),
  sharedWithMe: seeShares.input(SharedWithMeInput).query(({ ctx, input }) => listSharedWithMe(ctx, input.offset)),
  addToMyFiles: seeShares.input(AddToMyFilesInput).mutation(({ ctx, input }) => addToMyFiles(ctx, input)),
  candidates: manageShares.input(ShareCandidatesInput).query(({ ctx, input }) => findShareCandidates(ctx, input.query)),
  share: manageShares.input(ShareItemInput).mutation(({ ctx, input }) => shareItem(ctx, input)),
  changeRole: manageShares.input(ChangeShareRoleInput).mutation(({ ctx, input }) => changeShareRole(ctx, input)),
  revoke: manageShares.input(ShareIdInput).mutation(({ ctx, input }) => revokeShare(ctx, input.shareId)),
});
