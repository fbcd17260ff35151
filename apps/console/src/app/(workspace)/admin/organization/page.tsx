import type { Metadata } from "next";
import { Card } from "@awan/ui/card";
import { LeaveOrganization } from "@/components/admin/leave-organization";
import { RenameOrganizationForm } from "@/components/admin/rename-organization-form";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationSettingsPage() {
  const viewer = await requireViewer();
  const organization = viewer.organization!;
  return (
    <div className="space-y-6">
      <Card title="Name" description={organization.role === "OWNER" ? "Everyone in the organization sees this name." : "Only an owner can rename the organization."}>
        {organization.role === "OWNER" ? (
          <RenameOrganizationForm name={organization.name} />
        ) : (
          <p className="text-sm">{organization.name}</p>
        )}
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">Address: {organization.slug}</p>
      </Card>
      <Card title="Leave organization" description="You lose access to everything in it until someone invites you again.">
        <LeaveOrganization name={organization.name} />
      </Card>
    </div>
  );
}
