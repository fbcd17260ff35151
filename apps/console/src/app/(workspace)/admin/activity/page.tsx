import type { Metadata } from "next";
import { ActivityLog } from "@/components/admin/activity-log";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  const viewer = await requireViewer();
  if (viewer.organization?.role !== "OWNER" && viewer.organization?.role !== "ADMIN") {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Only the organization&apos;s owners and administrators can see its activity.</p>;
  }
  return <ActivityLog />;
}
