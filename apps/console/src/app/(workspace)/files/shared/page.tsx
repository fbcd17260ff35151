import type { Metadata } from "next";
import { SharedWithMe } from "@/components/sharing/shared-with-me";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Shared with me" };

export default async function SharedWithMePage() {
  const organization = (await requireViewer()).organization;
  return <SharedWithMe canAddToMyFiles={organization?.role !== "GUEST"} />;
}
