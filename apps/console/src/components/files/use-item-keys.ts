"use client";

import type { KeyboardEvent } from "react";
import type { FileItem } from "./file-kinds";
import type { SelectGesture } from "./use-selection";

type ItemKeysInput = {
  items: FileItem[];
  focusedIndex: number;
  setFocusedIndex(index: number): void;
  selected: ReadonlySet<string>;
  select(id: string, gesture?: SelectGesture): void;
  selectAll(): void;
  clear(): void;
  open(item: FileItem): void;
  trash(items: FileItem[]): void;
  rename(item: FileItem): void;
  share(item: FileItem): void;
  /** Whether trash, rename and share are offered here (not in a folder shared for viewing). */
  canEdit: boolean;
  canShare: boolean;
  grid: boolean;
};

/** Columns of the grid as laid out now: the cards on the first card's line. */
function gridColumns(container: HTMLElement): number {
  const cards = [...container.querySelectorAll<HTMLElement>("[data-index]")];
  const top = cards[0]?.offsetTop;
  return Math.max(1, cards.filter((card) => card.offsetTop === top).length);
}

/** The listing's keys: arrows move, Shift extends, Space selects, Enter opens, Delete trashes, F2 renames, S shares. */
export function itemKeyHandler(input: ItemKeysInput) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const { items, focusedIndex, selected } = input;
    if (items.length === 0 || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest("input:not([type=checkbox]), textarea, select")) return;
    if (event.key === " " && target.tagName === "INPUT") return; // the checkbox toggles itself
    const container = event.currentTarget;
    const current = items[focusedIndex];
    const targets = () => (selected.size > 0 ? items.filter((i) => selected.has(i.id)) : current ? [current] : []);
    const move = (to: number) => {
      const index = Math.min(items.length - 1, Math.max(0, to));
      input.setFocusedIndex(index);
      container.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
      if (event.shiftKey) input.select(items[index]!.id, { range: true });
    };
    const step = input.grid ? gridColumns(container) : 1;
    const command = event.ctrlKey || event.metaKey;
    let handled = true;
    if (event.key === "ArrowDown") move(focusedIndex + step);
    else if (event.key === "ArrowUp") move(focusedIndex - step);
    else if (event.key === "ArrowRight" && input.grid) move(focusedIndex + 1);
    else if (event.key === "ArrowLeft" && input.grid) move(focusedIndex - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(items.length - 1);
    else if (event.key === " " && current) input.select(current.id, { toggle: true });
    else if (event.key === "Enter" && current && target.tagName !== "A" && target.tagName !== "BUTTON") input.open(current);
    else if ((event.key === "Delete" || event.key === "Backspace") && input.canEdit && targets().length > 0) input.trash(targets());
    else if (event.key === "F2" && input.canEdit && targets().length === 1) input.rename(targets()[0]!);
    else if (event.key.toLowerCase() === "s" && !command && input.canShare && targets().length === 1 && targets()[0]!.kind !== "SHORTCUT") input.share(targets()[0]!);
    else if (command && event.key.toLowerCase() === "a") input.selectAll();
    else if (event.key === "Escape" && selected.size > 0) input.clear();
    else handled = false;
    if (handled) event.preventDefault();
  };
}
