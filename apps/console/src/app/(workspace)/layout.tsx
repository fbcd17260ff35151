import { Fragment, type ReactNode } from "react";
import { NoOrganization } from "@/components/organizations/no-organization";
import { Shell } from "@/components/shell/shell";
import { LiveProvider } from "@/lib/live/live-provider";
import { requireViewer } from "@/lib/viewer";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return (
    <Shell user={viewer.user} organization={viewer.organization} organizations={viewer.organizations}>
      {/* Keyed by organization: switching remounts the page, leaving no state of the last one. */}
      {viewer.organization ? (
        <Fragment key={viewer.organization.id}>
          <LiveProvider viewerId={viewer.user.id}>{children}</LiveProvider>
        </Fragment>
      ) : (
        <NoOrganization />
      )}
    </Shell>
  );
}
