import type { Metadata } from "next";
import { Suspense } from "react";
import { WorkspacesView } from "@/components/workspaces/workspaces-view";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const viewer = await requireViewer();
  // Guests see the workspaces they were invited to; members also create them.
  return (
    <Suspense>
      <WorkspacesView viewerId={viewer.user.id} canCreate={viewer.organization?.role !== "GUEST"} />
    </Suspense>
  );
}
