/** Where chat attachments go up and come down: the console's chat transfer routes (backend chat/attachment-transfer.ts). */
export function chatAttachmentUrls(organizationId: string) {
  const base = `/api/chat/${organizationId}/attachments`;
  return {
    upload: (name: string) => `${base}?name=${encodeURIComponent(name)}`,
    download: (attachmentId: string) => `${base}/${attachmentId}`,
    preview: (attachmentId: string) => `${base}/${attachmentId}?disposition=inline`,
  };
}
