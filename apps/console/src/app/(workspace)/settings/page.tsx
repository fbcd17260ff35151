import type { Metadata } from "next";
import { Card } from "@awan/ui/card";
import { PageHeader } from "@/components/page-header";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { SessionList } from "@/components/settings/session-list";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requireViewer();
  return (
    <>
      <PageHeader title="Settings" description={`Your account, ${viewer.user.email}, in every organization you belong to.`} />
      <div className="max-w-3xl space-y-6">
        <Card title="Profile">
          <ProfileForm name={viewer.user.name} />
        </Card>
        <Card title="Password" description="Changing it signs you out everywhere else.">
          <PasswordForm />
        </Card>
        <Card title="Where you are signed in" description="End any session you do not recognise.">
          <SessionList />
        </Card>
      </div>
    </>
  );
}
