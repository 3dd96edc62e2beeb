-- An admin deactivates an account (issue 15): it cannot sign in, its sessions and tokens end, its
-- records stay; reactivating clears the column. Every row made before has NULL: active as before.
-- The account_changed notice of 0003 covers the column too, so a server that remembers one of the
-- account's sessions forgets it at once, as it does for a new role or password.
ALTER TABLE "users" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
DROP TRIGGER "account_changed" ON "users";--> statement-breakpoint
CREATE TRIGGER "account_changed" AFTER UPDATE OF "name", "email", "role", "organisation_id", "password_hash", "deactivated_at" ON "users"
	FOR EACH ROW WHEN (
		OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email" OR OLD."role" IS DISTINCT FROM NEW."role"
		OR OLD."organisation_id" IS DISTINCT FROM NEW."organisation_id" OR OLD."password_hash" IS DISTINCT FROM NEW."password_hash"
		OR OLD."deactivated_at" IS DISTINCT FROM NEW."deactivated_at"
	) EXECUTE FUNCTION "afterword_account_changed"();
