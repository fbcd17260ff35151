"use client";

import { useEffect, useRef, type RefObject } from "react";
import { pickedFromInput, type PickedFile } from "./folder-tree";

export type PickerKind = "files" | "folder";

/**
 * The browser's file and folder pickers, mounted once above the pages: a
 * picker stays open while the person looks for their files, and the folder
 * page that opened it may have been replaced meanwhile (they clicked into a
 * folder just before). Inputs inside that page would be gone by then and the
 * files with them; these are not.
 */
export function FilePickers({ inputs, onPicked }: { inputs: RefObject<Record<PickerKind, HTMLInputElement | null>>; onPicked(files: PickedFile[]): void }) {
  const folderInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's attribute types; the property is what Chromium, Firefox and Safari read.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);
  const take = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])].map(pickedFromInput);
    input.value = ""; // the same file can be picked again
    if (files.length > 0) onPicked(files);
  };
  return (
    <>
      <input ref={(el) => void (inputs.current.files = el)} type="file" multiple hidden aria-label="Files to upload" onChange={(e) => take(e.target)} />
      <input
        ref={(el) => {
          folderInput.current = el;
          inputs.current.folder = el;
        }}
        type="file"
        multiple
        hidden
        aria-label="Folder to upload"
        onChange={(e) => take(e.target)}
      />
    </>
  );
}
