import { getAuthOptions, refuseLockedSignIn } from "@awan/backend/auth";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handle(request: NextRequest, context: RouteContext) {
  return NextAuth(request, context, getAuthOptions());
}

export const GET = handle;

export async function POST(request: NextRequest, context: RouteContext) {
  if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
    const refused = await refuseLockedSignIn(request);
    if (refused) return refused;
  }
  return handle(request, context);
}
