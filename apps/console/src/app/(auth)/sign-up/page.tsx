import { isSignUpOpen } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeNextPath } from "@/lib/auth-client";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = safeNextPath((await searchParams).callbackUrl);
  if (await getViewer()) redirect(next);
  if (!isSignUpOpen()) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Accounts are by invitation</h1>
        <Alert tone="info">This server creates accounts only through invite links. Ask an administrator of your organization for one.</Alert>
        <Link href="/sign-in" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-400">
          Sign in
        </Link>
      </div>
    );
  }
  return <SignUpForm next={next} />;
}
