import type { ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import { AdminTabs } from "@/components/admin/admin-tabs";

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Admin" />
      <AdminTabs />
      <div className="mt-6">{children}</div>
    </>
  );
}
