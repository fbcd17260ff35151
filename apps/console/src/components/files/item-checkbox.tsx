import type { FileItem } from "./file-kinds";
import type { ItemViewProps } from "./item-views";

/** Selects the item; Shift-click selects the range from the last one clicked. */
export function ItemCheckbox({ item, view }: { item: FileItem; view: ItemViewProps }) {
  return (
    <input
      type="checkbox"
      tabIndex={-1}
      aria-label={`Select ${item.name}`}
      checked={view.selected.has(item.id)}
      onChange={() => undefined /* handled on click, where Shift is known */}
      onClick={(event) => view.onSelect(item.id, { toggle: true, range: event.shiftKey })}
      className="size-4 cursor-pointer accent-brand-600"
    />
  );
}
