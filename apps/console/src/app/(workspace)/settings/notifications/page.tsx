import type { Metadata } from "next";
import { Alert } from "@awan/ui/alert";
import { Card } from "@awan/ui/card";
import { NotificationPreferencesForm } from "@/components/notifications/notification-preferences-form";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage() {
  const organization = (await requireViewer()).organization;
  return (
    <Card
      title="Notifications"
      description={
        organization
          ? `Mentions, direct messages, shares and invitations in ${organization.name} always show under the bell. Choose which of them should also reach you by e-mail.`
          : "You are not a member of any organization, so there is nothing to be notified of."
      }
    >
      {organization ? (
        <div className="space-y-4">
          <Alert tone="info">
            Mail is not set up on this server yet, so no e-mail is sent for now. E-mail copies of the kinds you choose start once mail is set up.
          </Alert>
          <NotificationPreferencesForm />
        </div>
      ) : null}
    </Card>
  );
}
