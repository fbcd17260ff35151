/** The NOTIFY channel on which a committed notification that owes an e-mail wakes the mailers; the payload is its organization's id. */
export const NOTIFICATION_MAIL_CHANNEL = "awan_notification_mail";
