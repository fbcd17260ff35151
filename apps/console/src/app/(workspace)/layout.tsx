import { Fragment, type ReactNode } from "react";
import { NoOrganization } from "@/components/organizations/no-organization";
import { Shell } from "@/components/shell/shell";
import { getServerApi, requireViewer } from "@/lib/viewer";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const organizations = await (await getServerApi()).organization.mine();
  return (
    <Shell user={viewer.user} organization={viewer.organization} organizations={organizations}>
      {/* Keyed by organization: switching remounts the page, leaving no state of the last one. */}
      {viewer.organization ? <Fragment key={viewer.organization.id}>{children}</Fragment> : <NoOrganization />}
    </Shell>
  );
}
