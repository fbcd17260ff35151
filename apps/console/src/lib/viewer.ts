import { createCaller, createContext } from "@awan/backend";
import { clientInfo, getAuthOptions } from "@awan/backend/auth";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";

/** The session id from next-auth's cookie; the backend decides whether it is still good. */
export async function getSessionId(): Promise<string | null> {
  await connection(); // per request, never prerendered at build time
  const session = await getServerSession(getAuthOptions());
  return session?.sessionId ?? null;
}

/** One context per server render, shared by every component that asks. */
export const getContext = cache(async () =>
  createContext({ sessionId: await getSessionId(), client: clientInfo(await headers()) }),
);

export const getViewer = cache(async () => (await getContext()).viewer);

export async function requireViewer() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

/** tRPC procedures called directly from server components. */
export const getServerApi = cache(async () => createCaller(await getContext()));
