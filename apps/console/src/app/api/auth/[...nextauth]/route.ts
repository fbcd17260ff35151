import { getAuthOptions, refuseLockedSignIn } from "@awan/backend/auth";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handle(request: NextRequest, context: RouteContext) {
  return NextAuth(request, context, getAuthOptions());
}

export const GET = handle;

export async function POST(request: NextRequest, context: RouteContext) {
  // next-auth routes by the first two segments, so match those, not the path's end.
  const [action, provider] = (await context.params).nextauth;
  if (action === "callback" && provider === "credentials") {
    const refused = await refuseLockedSignIn(request);
    if (refused) return refused;
  }
  return handle(request, context);
}
