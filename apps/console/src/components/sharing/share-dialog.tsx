"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ShareLinksSection } from "@/components/links/share-links-section";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { AccessList } from "./access-list";
import { RecipientPicker, type PickedRecipient } from "./recipient-picker";
import { RoleSelect } from "./role-select";
import type { ShareRole } from "./share-roles";

export type ShareableItem = { id: string; name: string; kind: string };

/**
 * Who has an item and how: add people and groups of the organization with a
 * role, change or remove what is on the item itself, see what is inherited
 * from folders above. Public links go at the bottom.
 */
export function ShareDialog({ item, onClose }: { item: ShareableItem; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const access = useQuery(trpc.sharing.listForItem.queryOptions({ itemId: item.id }));
  const [picked, setPicked] = useState<PickedRecipient[]>([]);
  const [role, setRole] = useState<ShareRole>("VIEWER");
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.sharing.pathFilter());
  const share = useMutation(trpc.sharing.share.mutationOptions({ onSettled: () => void refresh() }));
  const canManage = access.data?.you.canManage ?? false;
  // Those with a share on the item itself are changed in the list, not added again.
  const direct = new Set((access.data?.entries ?? []).filter((e) => !e.inheritedFrom).map((e) => e.recipient.id));

  const submit = async () => {
    setError(null);
    try {
      await share.mutateAsync({ itemId: item.id, recipients: picked.map(({ type, id }) => ({ type, id })), role });
      setPicked([]);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <Dialog title={`Share “${item.name}”`} onClose={onClose} actions={<Button variant="secondary" onClick={onClose}>Done</Button>}>
      <div className="space-y-5">
        {access.error ? <Alert>{errorMessage(access.error)}</Alert> : null}
        {canManage ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
            className="space-y-2"
          >
            <RecipientPicker picked={picked} onChange={setPicked} exclude={new Set([...direct, access.data?.owner.id ?? ""])} />
            <div className="flex items-center justify-end gap-2">
              <RoleSelect kind={item.kind} value={role} onChange={setRole} label="Role for the people and groups added" />
              <Button type="submit" busy={share.isPending} disabled={picked.length === 0}>Share</Button>
            </div>
            {error ? <Alert>{error}</Alert> : null}
          </form>
        ) : access.data ? (
          <p className="text-zinc-600 dark:text-zinc-400">Only the owner and editors can change who has access.</p>
        ) : null}
        {access.isPending ? <p className="text-zinc-500">Loading…</p> : access.data ? <AccessList item={item} access={access.data} onChanged={refresh} /> : null}
        <ShareLinksSection itemId={item.id} itemKind={item.kind === "FOLDER" ? "FOLDER" : "FILE"} canManage={canManage} />
      </div>
    </Dialog>
  );
}
