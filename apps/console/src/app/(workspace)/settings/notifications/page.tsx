import type { Metadata } from "next";
import { Card } from "@awan/ui/card";
import { NotificationPreferencesForm } from "@/components/notifications/notification-preferences-form";
import { getServerApi, requireViewer } from "@/lib/viewer";
import { EmailDestinationNote } from "./email-destination-note";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage() {
  const organization = (await requireViewer()).organization;
  const destination = organization ? await (await getServerApi()).notifications.emailDestination() : null;
  return (
    <Card
      title="Notifications"
      description={
        organization
          ? `Mentions, direct messages, shares and invitations in ${organization.name} always show under the bell. Choose which of them should also reach you by e-mail.`
          : "You are not a member of any organization, so there is nothing to be notified of."
      }
    >
      {destination ? (
        <div className="space-y-4">
          <EmailDestinationNote destination={destination} />
          <NotificationPreferencesForm />
        </div>
      ) : null}
    </Card>
  );
}
