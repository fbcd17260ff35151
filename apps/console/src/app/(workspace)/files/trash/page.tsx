import { getFilesConfig } from "@awan/backend";
import type { Metadata } from "next";
import { connection } from "next/server";
import { GuestNoFiles } from "@/components/files/guest-no-files";
import { TrashView } from "@/components/files/trash-view";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  await connection(); // the setting is read when the page is served, not when it is built
  const organization = (await requireViewer()).organization;
  if (organization?.role === "GUEST") return <GuestNoFiles organizationName={organization.name} />;
  return <TrashView keptDays={getFilesConfig().trashDays} />;
}
