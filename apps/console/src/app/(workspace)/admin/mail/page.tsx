import type { Metadata } from "next";
import { MailAdmin } from "@/components/admin/mail/mail-admin";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Mail settings" };

export default async function MailAdminPage() {
  const viewer = await requireViewer();
  if (viewer.organization?.role !== "OWNER" && viewer.organization?.role !== "ADMIN") {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Only the organization&apos;s owners and administrators manage mail domains and mailboxes.</p>;
  }
  return <MailAdmin />;
}
