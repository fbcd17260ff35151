// The public surface of @awan/backend: what the console's route handlers and pages need.
export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./trpc/root";
export { createContext, type Context } from "./trpc/context";
export { handleTrpcRequest, ORGANIZATION_ON_SCREEN_HEADER, TRPC_ENDPOINT } from "./trpc/http";
export { checkHealth, type Health } from "./health";
export { DomainError, ErrorCode } from "./errors";
export { getFilesConfig, isSignUpOpen } from "./config";
export { startBackgroundJobs } from "./background-jobs";
export { FILE_TRANSFER_PATH, handleFileTransfer } from "./files/transfer/file-transfer";
export { CHAT_TRANSFER_PATH, handleChatTransfer } from "./chat/attachment-transfer";
export { handleMailDraftTransfer, MAIL_DRAFT_TRANSFER_PATH } from "./mail/draft-attachment-transfer";
export { handlePublicLink, PUBLIC_LINK_PATH } from "./sharing/links/public-routes";
export type { Viewer } from "./auth/sessions";
export { DAV_PATH, handleWebDav } from "./webdav/webdav";
export { handleLiveFeed, LIVE_FEED_PATH } from "./live/live-feed-http";
export { handleMailTransfer, MAIL_TRANSFER_PATH } from "./mail/mail-transfer";
export { startInboundSmtp, type InboundSmtp } from "./mail/inbound-smtp";
