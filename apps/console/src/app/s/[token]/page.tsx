import type { Metadata } from "next";
import { PublicLinkPage } from "@/components/links/public-link-page";

// A shared link's page names nothing of what it shares until the link has been checked (and its password given).
export const metadata: Metadata = { title: "Shared with you", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ folder?: string | string[] }> };

/** /s/<token>: a public link, for anyone, with or without an account (outside the workspace layout, so never sent to sign in). */
export default async function SharedLinkPage({ params, searchParams }: Props) {
  const { token } = await params;
  const folder = (await searchParams).folder;
  const folderId = typeof folder === "string" && folder ? folder : null;
  return <PublicLinkPage key={folderId ?? "top"} token={token} folderId={folderId} />;
}
