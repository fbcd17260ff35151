import type { PickedFile } from "./folder-tree";

/**
 * The files of a drop, folders walked to the bottom. Entries must be taken
 * from the DataTransfer before the first await: the browser empties it once
 * the drop event returns.
 */
export function readDroppedFiles(dataTransfer: DataTransfer): Promise<DroppedTree> {
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    // No entry API (or a synthetic drop): plain files, no folders.
    return Promise.resolve({ files: [...dataTransfer.files].map((file) => ({ file, folders: [] })), emptyFolders: [] });
  }
  const tree: DroppedTree = { files: [], emptyFolders: [] };
  return Promise.all(entries.map((entry) => walk(entry!, [], tree))).then(() => tree);
}

/** What a drop holds: its files, and the folders with nothing in them (made too, as a file manager would). */
export type DroppedTree = { files: PickedFile[]; emptyFolders: string[][] };

async function walk(entry: FileSystemEntry, folders: string[], tree: DroppedTree): Promise<void> {
  if (isFile(entry)) {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    tree.files.push({ file, folders });
    return;
  }
  if (!isDirectory(entry)) return;
  const children = await readAllEntries(entry.createReader());
  const inside = [...folders, entry.name];
  if (children.length === 0) tree.emptyFolders.push(inside);
  await Promise.all(children.map((child) => walk(child, inside, tree)));
}

/** readEntries returns at most 100 entries a call: call until it returns none. */
async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;
