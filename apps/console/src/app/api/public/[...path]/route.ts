import { handlePublicLink } from "@awan/backend";

// Public links: anyone holding a link's token, no account (see the backend's sharing/links/public-routes.ts).
function handle(request: Request) {
  return handlePublicLink(request);
}

export { handle as GET, handle as HEAD, handle as POST };
