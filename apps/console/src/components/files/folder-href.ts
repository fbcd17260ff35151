/** The address of a folder in My files: reload and back/forward land on it. */
export const folderHref = (folderId: string | null) => (folderId ? `/files?folder=${folderId}` : "/files");
