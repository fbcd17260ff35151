import type { RouterOutputs } from "@awan/backend";

export type FileItem = RouterOutputs["files"]["list"]["items"][number];
export type TrashedItem = RouterOutputs["files"]["listTrash"]["items"][number];
export type FoundItem = RouterOutputs["files"]["search"]["items"][number];

export type PreviewKind = "image" | "video" | "audio" | "pdf" | "markdown" | "text";

const TEXT_EXTENSIONS = new Set([
  "txt", "log", "csv", "tsv", "json", "xml", "yaml", "yml", "toml", "ini", "conf", "cfg", "env",
  "js", "mjs", "cjs", "ts", "tsx", "jsx", "css", "scss", "html", "htm", "sh", "bash", "py", "rb", "go", "rs",
  "java", "kt", "c", "h", "cpp", "hpp", "cs", "php", "sql", "swift", "lua", "pl", "r", "diff", "patch",
]);
const IMAGE_EXTENSIONS = new Set(["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "svg"]);

const extensionOf = (name: string) => (name.includes(".") ? name.split(".").pop()!.toLowerCase() : "");

/** How the console can show a file, from its type and, where browsers give no type, its extension. */
export function previewKind(item: { name: string; contentType: string | null }): PreviewKind | null {
  const type = (item.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const extension = extensionOf(item.name);
  if (extension === "md" || extension === "markdown" || type === "text/markdown") return "markdown";
  if (type.startsWith("image/") || IMAGE_EXTENSIONS.has(extension)) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  if (type === "application/pdf" || extension === "pdf") return "pdf";
  if (type.startsWith("text/") || /^application\/(json|xml|javascript|x-sh|x-yaml|toml)$/.test(type) || TEXT_EXTENSIONS.has(extension)) return "text";
  return null;
}

/** Thumbnails exist for images only; asking for others would be a 404 per row. */
export const hasThumbnail = (item: { kind: string; name: string; contentType: string | null }) =>
  item.kind === "FILE" && previewKind(item) === "image";

/**
 * What opening, previewing or downloading an item acts on: a shortcut stands
 * for the shared item it leads to (same name, that item's id and kind).
 */
export function opensAs(item: FileItem): FileItem {
  return item.kind === "SHORTCUT" && item.target ? { ...item, id: item.target.id, kind: item.target.kind } : item;
}
