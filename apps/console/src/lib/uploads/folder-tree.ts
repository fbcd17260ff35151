/** A file picked or dropped for upload, with where it sits inside a picked folder. */
export type PickedFile = {
  file: File;
  /** Folders above the file inside the upload, e.g. ["Photos", "2026"]; empty for a loose file. */
  folders: string[];
};

/** The folders a folder upload needs, each once, parents included (["a"], ["a","b"]). */
export function foldersToCreate(picked: PickedFile[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const { folders } of picked) {
    for (let depth = 1; depth <= folders.length; depth++) {
      const path = folders.slice(0, depth);
      seen.set(folderKey(path), path);
    }
  }
  return [...seen.values()];
}

/** The key files.ensureFolders uses for a path: its names joined by "/". */
export const folderKey = (folders: string[]) => folders.join("/");

/**
 * From a file input (webkitRelativePath is "Top/sub/name") or a loose file.
 * The last segment is the file's own name.
 */
export function pickedFromInput(file: File): PickedFile {
  const segments = (file.webkitRelativePath || file.name).split("/").filter(Boolean);
  return { file, folders: segments.slice(0, -1) };
}
