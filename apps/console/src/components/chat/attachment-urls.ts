import { currentOrganizationId } from "@/lib/organization-on-screen";

/** Where chat attachments go up and come down: the console's chat transfer routes (backend chat/attachment-transfer.ts), for the organization on screen. */
export function chatAttachmentUrls() {
  const base = `/api/chat/${currentOrganizationId()}/attachments`;
  return {
    upload: (name: string) => `${base}?name=${encodeURIComponent(name)}`,
    download: (attachmentId: string) => `${base}/${attachmentId}`,
    preview: (attachmentId: string) => `${base}/${attachmentId}?disposition=inline`,
  };
}
