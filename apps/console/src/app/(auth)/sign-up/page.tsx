import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage() {
  if (await getViewer()) redirect("/");
  return <SignUpForm />;
}
