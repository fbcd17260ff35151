import type { ReactNode } from "react";
import { FileUrlsProvider } from "@/components/files/file-urls";
import { FilesTabs } from "@/components/files/files-tabs";
import { UsageBars } from "@/components/files/usage-bars";
import { PageHeader } from "@/components/page-header";
import { UploadProvider } from "@/lib/uploads/upload-provider";
import { requireViewer } from "@/lib/viewer";

/** Above My files, Shared with me and Trash, so that uploads carry on while the person moves between them. */
export default async function FilesLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const organization = viewer.organization;
  if (!organization) return children; // the workspace layout shows how to make one
  // Guests have no files of their own (no quota to show), only what is shared with them.
  const guest = organization.role === "GUEST";
  return (
    <FileUrlsProvider organizationId={organization.id}>
      <UploadProvider organizationId={organization.id}>
        <PageHeader title={guest ? "Files" : "My files"} actions={guest ? null : <UsageBars />} />
        <FilesTabs guest={guest} />
        {children}
      </UploadProvider>
    </FileUrlsProvider>
  );
}
