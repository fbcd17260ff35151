import type { Metadata } from "next";
import { GroupAdmin } from "@/components/sharing/group-admin";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  const viewer = await requireViewer();
  if (viewer.organization?.role !== "OWNER" && viewer.organization?.role !== "ADMIN") {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Only the organization&apos;s owners and administrators manage groups.</p>;
  }
  return <GroupAdmin />;
}
