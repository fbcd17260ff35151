"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { NameForm } from "@/components/name-form";
import { useTRPC } from "@/lib/trpc";

export function ProfileForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const rename = useMutation(trpc.account.rename.mutationOptions({ onSuccess: () => router.refresh() }));
  return <NameForm label="Name" name={name} submitLabel="Save name" autoComplete="name" rename={rename} />;
}
