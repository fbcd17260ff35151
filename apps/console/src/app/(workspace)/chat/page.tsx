import type { Metadata } from "next";
import { Suspense } from "react";
import { ChatView } from "@/components/chat/chat-view";
import { requireViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage() {
  const viewer = await requireViewer();
  // Guests chat where they are invited; only members create channels.
  return (
    // ChatView reads the open conversation from the address (?channel=…).
    <Suspense>
      <ChatView viewerId={viewer.user.id} canCreateChannels={viewer.organization?.role !== "GUEST"} />
    </Suspense>
  );
}
