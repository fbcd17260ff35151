import type { ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import { TabNav } from "@/components/tab-nav";
import { requireViewer } from "@/lib/viewer";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return (
    <>
      <PageHeader title="Settings" description={`Your account, ${viewer.user.email}.`} />
      <TabNav
        label="Settings"
        tabs={[
          { href: "/settings", label: "Account" },
          { href: "/settings/app-passwords", label: "App passwords" },
          { href: "/settings/notifications", label: "Notifications" },
        ]}
      />
      <div className="mt-6 max-w-3xl space-y-6">{children}</div>
    </>
  );
}
