import type { Metadata } from "next";
import { Card } from "@awan/ui/card";
import { AppPasswords } from "@/components/settings/app-passwords";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "App passwords" };

export default async function AppPasswordsPage() {
  const viewer = await requireViewer();
  const organization = viewer.organization;
  return (
    <Card
      title="App passwords"
      description={
        organization
          ? `Apps that reach your files in ${organization.name} over WebDAV (a file manager, rclone, a sync client) sign in with an app password instead of your account password. Each works only for ${organization.name} and can be revoked on its own.`
          : "You are not a member of any organization, so there are no files to reach."
      }
    >
      {organization && organization.role !== "GUEST" ? (
        <AppPasswords email={viewer.user.email} />
      ) : organization ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Guests have no files of their own in {organization.name}, so app passwords are not available.</p>
      ) : null}
    </Card>
  );
}
