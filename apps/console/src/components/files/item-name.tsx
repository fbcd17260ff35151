import Link from "next/link";
import { opensAs, type FileItem } from "./file-kinds";
import { folderHref } from "./folder-href";

/** A folder's name is a link (it has an address); a file's opens its preview. */
/** In the listing the row takes focus, not the name (roving tabindex); elsewhere the name is tabbable. */
export function ItemName({ item, onOpen, className = "", tabbable = false }: { item: FileItem; onOpen(item: FileItem): void; className?: string; tabbable?: boolean }) {
  const tabIndex = tabbable ? 0 : -1;
  const style = `truncate rounded text-left font-medium hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 ${className}`;
  const opened = opensAs(item);
  if (opened.kind === "FOLDER") {
    return <Link href={folderHref(opened.id)} tabIndex={tabIndex} className={style} title={item.name}>{item.name}</Link>;
  }
  return (
    <button type="button" tabIndex={tabIndex} onClick={() => onOpen(item)} className={style} title={item.name}>
      {item.name}
    </button>
  );
}
