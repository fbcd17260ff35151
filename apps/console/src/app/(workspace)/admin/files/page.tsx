import type { Metadata } from "next";
import { Card } from "@awan/ui/card";
import { FileSettingsForm } from "@/components/admin/file-settings-form";
import { getServerApi, requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "File settings" };

export default async function FileSettingsPage() {
  const viewer = await requireViewer();
  if (viewer.organization?.role !== "OWNER" && viewer.organization?.role !== "ADMIN") {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Only the organization&apos;s owners and administrators can change file settings.</p>;
  }
  const settings = await (await getServerApi()).fileSettings.get();
  return (
    <Card title="Storage quotas and versions" description="Quotas apply to new uploads and copies; nothing already stored is deleted when you lower them.">
      <FileSettingsForm settings={settings} />
    </Card>
  );
}
