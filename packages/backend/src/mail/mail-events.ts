import { z } from "zod";
import { defineTopic } from "../events/topic";

/**
 * A message was stored in a mailbox (delivered, sent, saved as a draft).
 * Published in the storing transaction, so subscribers hear of it once it
 * is committed; ids only: each subscriber loads it with its own access check.
 */
export const mailMessageStored = defineTopic("mail", z.object({ mailboxId: z.uuid(), messageId: z.uuid(), folderId: z.uuid() }));
export type MailMessageStored = z.infer<typeof mailMessageStored.data>;
