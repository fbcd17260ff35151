import { z } from "zod";
import { getConfig } from "../config";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import type { MailScope } from "./mail-scope";
import { MailMessageId } from "./schemas";
import { messageSender, viewMessage } from "./message-view";
import { trustSender, untrustSender } from "./trusted-senders";

// Reading one message (mailView.*). Read state stays with mail.setRead: opening is not reading.
const mail = orgProcedure("GUEST");
const scopeOf = ({ tx, actor }: MailScope): MailScope => ({ tx, actor });
const OneMessage = z.object({ messageId: MailMessageId });

export const messageViewRouter = router({
  /** Headers, text, whether there is HTML (and how many remote images it holds back), attachments, SPF/DKIM/DMARC. */
  get: mail.input(OneMessage).query(({ ctx, input }) => viewMessage(scopeOf(ctx), input.messageId, getConfig().publicUrl.origin)),
  /** Always show remote images from this message's sender. */
  trustSender: mail.input(OneMessage).mutation(async ({ ctx, input }) => {
    const scope = scopeOf(ctx);
    await trustSender(scope, await messageSender(scope, input.messageId));
  }),
  untrustSender: mail.input(OneMessage).mutation(async ({ ctx, input }) => {
    const scope = scopeOf(ctx);
    await untrustSender(scope, await messageSender(scope, input.messageId));
  }),
});
