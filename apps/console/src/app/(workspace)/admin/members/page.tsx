import type { Metadata } from "next";
import { EmptyState } from "@awan/ui/empty-state";
import { InvitePeople } from "@/components/admin/invite-people";
import { MemberList } from "@/components/admin/member-list";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const viewer = await requireViewer();
  const role = viewer.organization?.role ?? "GUEST";
  if (role === "GUEST") {
    return <EmptyState title="Members are not visible to guests">Ask an administrator of this organization if you need the member list.</EmptyState>;
  }
  const canManage = role === "OWNER" || role === "ADMIN";
  return (
    <div className="space-y-8">
      {canManage ? <InvitePeople isOwner={role === "OWNER"} /> : null}
      <MemberList viewerId={viewer.user.id} viewerRole={role} />
    </div>
  );
}
