"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { NameForm } from "@/components/name-form";
import { useTRPC } from "@/lib/trpc";

export function RenameOrganizationForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const rename = useMutation(trpc.organization.rename.mutationOptions({ onSuccess: () => router.refresh() }));
  return <NameForm label="Organization name" name={name} submitLabel="Save" rename={rename} />;
}
