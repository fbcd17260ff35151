"use client";

import { AddDomainForm } from "./add-domain-form";
import { DomainList } from "./domain-list";
import { MailSettingsForm } from "./mail-settings-form";
import { MailboxList } from "./mailbox-list";
import { SharedMailboxes } from "./shared-mailboxes";

/** Admin → Mail: domains and their DNS, who has which address, shared mailboxes, and the limits. */
export function MailAdmin() {
  return (
    <div className="space-y-6">
      <DomainList />
      <AddDomainForm />
      <MailboxList />
      <SharedMailboxes />
      <MailSettingsForm />
    </div>
  );
}
