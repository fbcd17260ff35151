import type { Metadata } from "next";
import { EmptyState } from "@awan/ui/empty-state";
import { StorageStatus } from "@/components/storage/storage-status";
import { getServerApi } from "@/lib/viewer";

export const metadata: Metadata = { title: "Storage" };

export default async function StoragePage() {
  // The procedure itself admits only the server's administrators.
  const status = await (await getServerApi()).storage.status().catch((error: Error & { code?: string }) => {
    if (error.code === "FORBIDDEN") return null;
    throw error;
  });
  if (!status) {
    return <EmptyState title="Storage is for the server's administrators">The owners of this server's first organization look after its storage.</EmptyState>;
  }
  return <StorageStatus initial={status} />;
}
