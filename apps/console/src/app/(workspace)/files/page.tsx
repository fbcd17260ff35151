import type { Metadata } from "next";
import { FilesBrowser } from "@/components/files/files-browser";

export const metadata: Metadata = { title: "My files" };

type Props = { searchParams: Promise<{ folder?: string | string[] }> };

/** /files is the top of your files; /files?folder=<id> one folder, so reload and back/forward land there. */
export default async function FilesPage({ searchParams }: Props) {
  const folder = (await searchParams).folder;
  const folderId = typeof folder === "string" && folder ? folder : null;
  // Keyed by folder: a new folder starts with a clear selection, focus and search.
  return <FilesBrowser key={folderId ?? "top"} folderId={folderId} />;
}
