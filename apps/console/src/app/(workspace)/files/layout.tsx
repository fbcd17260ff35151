import type { ReactNode } from "react";
import { FileUrlsProvider } from "@/components/files/file-urls";
import { FilesTabs } from "@/components/files/files-tabs";
import { UsageBars } from "@/components/files/usage-bars";
import { PageHeader } from "@/components/page-header";
import { UploadProvider } from "@/lib/uploads/upload-provider";
import { EmptyState } from "@awan/ui/empty-state";
import { requireViewer } from "@/lib/viewer";

/** Above both My files and Trash, so that uploads carry on while the person moves between them. */
export default async function FilesLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const organization = viewer.organization;
  if (!organization) return children; // the workspace layout shows how to make one
  if (organization.role === "GUEST") {
    return (
      <>
        <PageHeader title="My files" />
        <EmptyState title="Guests have no files of their own here">
          As a guest of {organization.name} you see what people share with you. Ask someone in the organization to share files with you, or to make you a member.
        </EmptyState>
      </>
    );
  }
  return (
    <FileUrlsProvider organizationId={organization.id}>
      <UploadProvider organizationId={organization.id}>
        <PageHeader title="My files" actions={<UsageBars />} />
        <FilesTabs />
        {children}
      </UploadProvider>
    </FileUrlsProvider>
  );
}
