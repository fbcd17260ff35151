import type { Metadata } from "next";
import { EmptyState } from "@awan/ui/empty-state";
import { StorageStatus } from "@/components/storage/storage-status";
import { getServerApi } from "@/lib/viewer";

export const metadata: Metadata = { title: "Storage" };

export default async function StoragePage() {
  const api = await getServerApi();
  if (!(await api.auth.isPlatformAdmin())) {
    return <EmptyState title="Storage is for the server's administrators">The owners of this server's first organization look after its storage.</EmptyState>;
  }
  return <StorageStatus initial={await api.storage.status()} />;
}
