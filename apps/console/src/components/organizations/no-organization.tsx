import { PageHeader } from "../page-header";
import { CreateOrganizationForm } from "./create-organization-form";

/** Shown everywhere while the user belongs to no organization (e.g. after leaving their last one). */
export function NoOrganization() {
  return (
    <>
      <PageHeader
        title="You are not in an organization"
        description="Open an invite link from a colleague to join theirs, or create a new one."
      />
      <CreateOrganizationForm />
    </>
  );
}
