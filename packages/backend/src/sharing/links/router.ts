import { router } from "../../trpc/init";
import { orgProcedure } from "../../trpc/procedures";
import { createShareLink, listShareLinks, revokeShareLink, updateShareLink } from "./manage-links";
import { CreateShareLinkInput, ItemLinksInput, ShareLinkIdInput, UpdateShareLinkInput } from "./schemas";

// Whoever may edit an item (its owner, or an editor through a share) manages its public links; guests too, on what they can edit.
const linkProcedure = orgProcedure("GUEST");

export const linksRouter = router({
  create: linkProcedure.input(CreateShareLinkInput).mutation(({ ctx, input }) => createShareLink(ctx, input)),
  list: linkProcedure.input(ItemLinksInput).query(({ ctx, input }) => listShareLinks(ctx, input.itemId)),
  update: linkProcedure.input(UpdateShareLinkInput).mutation(({ ctx, input }) => updateShareLink(ctx, input)),
  revoke: linkProcedure.input(ShareLinkIdInput).mutation(({ ctx, input }) => revokeShareLink(ctx, input.linkId)),
});
