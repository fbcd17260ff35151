import type { KeyboardEvent, MouseEvent } from "react";
import type { FileItem } from "./file-kinds";
import type { SelectGesture } from "./use-selection";

/** What the list and the grid view both take: the items, the selection, and what to do on click and keys. */
export type ItemViewProps = {
  items: FileItem[];
  selected: ReadonlySet<string>;
  /** The item that takes Tab focus (roving tabindex); the rest are reached with the arrows. */
  focusedIndex: number;
  onFocusIndex(index: number): void;
  onSelect(id: string, gesture: SelectGesture): void;
  onOpen(item: FileItem): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  /** Whether files dropped on a folder go into it (not where the person may only look). */
  canUpload: boolean;
};

/** A click on an item, outside its own controls: select it, as file managers do. */
export function clickItem(event: MouseEvent, item: FileItem, index: number, view: ItemViewProps): void {
  if ((event.target as HTMLElement).closest("a, button, input")) return;
  view.onFocusIndex(index);
  view.onSelect(item.id, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });
}

const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export const formatModified = (value: Date) => date.format(value);
export const formatModifiedExactly = (value: Date) => dateTime.format(value);
