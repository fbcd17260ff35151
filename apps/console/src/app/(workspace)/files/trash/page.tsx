import { getFilesConfig } from "@awan/backend";
import type { Metadata } from "next";
import { connection } from "next/server";
import { TrashView } from "@/components/files/trash-view";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  await connection(); // the setting is read when the page is served, not when it is built
  return <TrashView keptDays={getFilesConfig().trashDays} />;
}
