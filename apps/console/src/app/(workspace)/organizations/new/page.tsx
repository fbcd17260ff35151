import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { CreateOrganizationForm } from "@/components/organizations/create-organization-form";

export const metadata: Metadata = { title: "New organization" };

export default function NewOrganizationPage() {
  return (
    <>
      <PageHeader title="New organization" description="You will be its owner. Its data is kept apart from every other organization's." />
      <CreateOrganizationForm />
    </>
  );
}
