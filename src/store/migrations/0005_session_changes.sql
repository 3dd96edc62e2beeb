-- Tells every listening server (LISTEN afterword_accounts) when a session's expiry or its account
-- changes in the database, as 0003 does when sessions end: a server that remembers the session
-- (src/server/session-cache.ts) forgets the account's sessions at once, so a session cut short by
-- hand (UPDATE sessions SET expires_at = now()) ends everywhere, not a minute later.
CREATE FUNCTION "afterword_sessions_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('afterword_accounts', "ids"."user_id") FROM (
		SELECT "after"."user_id" FROM "changed" AS "after" JOIN "before" AS "prior" ON "prior"."token_hash" = "after"."token_hash"
			WHERE "prior"."expires_at" IS DISTINCT FROM "after"."expires_at" OR "prior"."user_id" IS DISTINCT FROM "after"."user_id"
		UNION
		SELECT "prior"."user_id" FROM "changed" AS "after" JOIN "before" AS "prior" ON "prior"."token_hash" = "after"."token_hash"
			WHERE "prior"."user_id" IS DISTINCT FROM "after"."user_id"
	) AS "ids";
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_changed" AFTER UPDATE ON "sessions" REFERENCING OLD TABLE AS "before" NEW TABLE AS "changed"
	FOR EACH STATEMENT EXECUTE FUNCTION "afterword_sessions_changed"();
