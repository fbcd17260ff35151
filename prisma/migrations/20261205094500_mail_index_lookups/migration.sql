-- Mail search (MailSearchIndex.tokens @> ...) and late threading
-- (MailMessage.answersHashes && ...) go through GIN indexes. Their array
-- operators are not leakproof, so under row-level security PostgreSQL will
-- not use those indexes and scans every row of the table instead. These two
-- lookups run as the functions' owner, whom the policies do not bind when
-- a superuser (the embedded PostgreSQL's), and confine themselves to the
-- caller's organization (app.organization_id) exactly as the policies would.

CREATE FUNCTION app_mail_messages_with_tokens(query_tokens bytea[]) RETURNS TABLE ("messageId" uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT s."messageId" FROM public."MailSearchIndex" s
  WHERE s."organizationId" = public.app_current_organization_id() AND s."tokens" @> query_tokens
$$;

CREATE FUNCTION app_mail_messages_answering(mailbox_ids uuid[], message_id_hashes text[])
  RETURNS TABLE ("mailboxId" uuid, "answered" text, "threadId" uuid, "seq" bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT m."mailboxId", a."answered", m."threadId", m."seq"
  FROM public."MailMessage" m CROSS JOIN LATERAL unnest(m."answersHashes") AS a("answered")
  WHERE m."organizationId" = public.app_current_organization_id() AND m."mailboxId" = ANY(mailbox_ids)
    AND m."answersHashes" && message_id_hashes AND a."answered" = ANY(message_id_hashes)
$$;
