import type { Metadata } from "next";
import { FilesBrowser } from "@/components/files/files-browser";
import { GuestNoFiles } from "@/components/files/guest-no-files";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "My files" };

type Props = { searchParams: Promise<{ folder?: string | string[] }> };

/**
 * /files is the top of your files; /files?folder=<id> one folder (yours or
 * one shared with you), so reload and back/forward land there.
 */
export default async function FilesPage({ searchParams }: Props) {
  const folder = (await searchParams).folder;
  const folderId = typeof folder === "string" && folder ? folder : null;
  const organization = (await requireViewer()).organization;
  const guest = organization?.role === "GUEST";
  if (guest && folderId === null) return <GuestNoFiles organizationName={organization.name} />;
  // Keyed by folder: a new folder starts with a clear selection, focus and search.
  return <FilesBrowser key={folderId ?? "top"} folderId={folderId} canShare={!guest} />;
}
