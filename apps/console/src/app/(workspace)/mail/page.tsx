import type { Metadata } from "next";
import { Suspense } from "react";
import { MailView } from "@/components/mail/mail-view";

export const metadata: Metadata = { title: "Mail" };

export default function MailPage() {
  // MailView reads the open folder, message and search from the address.
  return (
    <Suspense>
      <MailView />
    </Suspense>
  );
}
