import type { Metadata } from "next";
import { Card } from "@awan/ui/card";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { SessionList } from "@/components/settings/session-list";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requireViewer();
  return (
    <>
      <Card title="Profile" description="Your name and password are the same in every organization you belong to.">
        <ProfileForm name={viewer.user.name} />
      </Card>
      <Card title="Password" description="Changing it signs you out everywhere else.">
        <PasswordForm />
      </Card>
      <Card title="Where you are signed in" description="End any session you do not recognise.">
        <SessionList />
      </Card>
    </>
  );
}
