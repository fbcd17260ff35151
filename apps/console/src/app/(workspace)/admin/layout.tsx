import type { ReactNode } from "react";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { PageHeader } from "@/components/page-header";
import { getServerApi, requireViewer } from "@/lib/viewer";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const role = (await requireViewer()).organization?.role;
  const showStorage = await (await getServerApi()).auth.isPlatformAdmin();
  return (
    <>
      <PageHeader title="Admin" />
      <AdminTabs showAdmin={role === "OWNER" || role === "ADMIN"} showStorage={showStorage} />
      <div className="mt-6">{children}</div>
    </>
  );
}
