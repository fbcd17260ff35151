-- Replies in a thread notify the people taking part in it.
ALTER TYPE "NotificationKind" ADD VALUE 'REPLY';
