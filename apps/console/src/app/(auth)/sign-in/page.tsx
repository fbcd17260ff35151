import { isSignUpOpen } from "@awan/backend";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth-client";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = safeNextPath((await searchParams).callbackUrl);
  if (await getViewer()) redirect(next);
  return <SignInForm next={next} signUpOpen={isSignUpOpen()} />;
}
