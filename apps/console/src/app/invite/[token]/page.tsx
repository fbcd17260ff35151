import type { Metadata } from "next";
import { Alert } from "@awan/ui/alert";
import Link from "next/link";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { SignUpWithInvitationForm } from "@/components/auth/sign-up-with-invitation-form";
import { getServerApi, getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [viewer, api] = await Promise.all([getViewer(), getServerApi()]);
  // A link that leads nowhere (unknown, used, expired, revoked, mangled) gets
  // its reason on the page; anything else is a server fault for error.tsx.
  const invitation = await api.auth.invitation({ token }).catch((error: Error & { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") return error;
    throw error;
  });

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-5">
        <p className="text-center text-2xl font-semibold tracking-tight text-brand-600 dark:text-brand-400">Awan</p>
        {invitation instanceof Error ? (
          <>
            <h1 className="text-xl font-semibold">This invite link does not work</h1>
            <Alert>{invitation.message}</Alert>
            <Link href="/" className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline">Go to Awan</Link>
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold">Join {invitation.organizationName}</h1>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              You are invited as {invitation.role.toLowerCase()}. The link works until{" "}
              {invitation.expiresAt.toLocaleDateString("en", { dateStyle: "long" })}.
            </p>
            {viewer ? (
              <AcceptInvitation token={token} email={viewer.user.email} organizationName={invitation.organizationName} />
            ) : (
              <>
                <SignUpWithInvitationForm token={token} />
                <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
                  Already have an account?{" "}
                  <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className="font-medium text-brand-600 dark:text-brand-400 hover:underline">
                    Sign in to join
                  </Link>
                </p>
              </>
            )}
          </>
        )}
      </div>
    </main>
  );
}
