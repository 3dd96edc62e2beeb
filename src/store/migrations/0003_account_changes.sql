-- Tells every listening server (LISTEN afterword_accounts) which account's sessions may no longer be
-- what it remembers: sessions deleted (sign-out, sign-out everywhere, a reset, the account removed)
-- or the account's own fields changed (name, email, role, organisation, password). The payload is the
-- user id; PostgreSQL delivers it at commit and only then, once per distinct payload per transaction.
CREATE FUNCTION "afterword_sessions_ended"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('afterword_accounts', "user_id") FROM (SELECT DISTINCT "user_id" FROM "ended") AS "changed";
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_ended" AFTER DELETE ON "sessions" REFERENCING OLD TABLE AS "ended"
	FOR EACH STATEMENT EXECUTE FUNCTION "afterword_sessions_ended"();
--> statement-breakpoint
CREATE FUNCTION "afterword_account_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('afterword_accounts', NEW."id");
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "account_changed" AFTER UPDATE OF "name", "email", "role", "organisation_id", "password_hash" ON "users"
	FOR EACH ROW WHEN (
		OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email" OR OLD."role" IS DISTINCT FROM NEW."role"
		OR OLD."organisation_id" IS DISTINCT FROM NEW."organisation_id" OR OLD."password_hash" IS DISTINCT FROM NEW."password_hash"
	) EXECUTE FUNCTION "afterword_account_changed"();
