import { z } from "zod";

const ItemId = z.uuid({ error: "This names a file or folder that cannot exist. Check that the link was copied whole." });
const ShareId = z.uuid({ error: "This share does not exist any more." });
export const ShareRoleInput = z.enum(["VIEWER", "EDITOR", "UPLOADER"], { error: "Choose Viewer, Editor or Can add files only." });

export const Recipient = z.object({
  type: z.enum(["user", "group"]),
  id: z.uuid({ error: "This person or group is not in your organization." }),
});
export type Recipient = z.infer<typeof Recipient>;

export const ShareItemInput = z.object({
  itemId: ItemId,
  recipients: z.array(Recipient).min(1, { error: "Choose someone to share with." }).max(100, { error: "Share with at most 100 people or groups at once." }),
  role: ShareRoleInput,
});
export const ChangeShareRoleInput = z.object({ shareId: ShareId, role: ShareRoleInput });
export const ShareIdInput = z.object({ shareId: ShareId });
export const ItemIdInput = z.object({ itemId: ItemId });
export const SharedWithMeInput = z.object({ offset: z.number().int().min(0).default(0) });
export const AddToMyFilesInput = z.object({ itemId: ItemId, folderId: ItemId.nullable().default(null) });
export const ShareCandidatesInput = z.object({ query: z.string().trim().max(100).default("") });
