-- The timed mail sync on a shared server (issue 16): when each mailbox is next due, its failures in a
-- row (the back-off), and a lease row (which server process syncs it, until when) so that two servers
-- on one database never sync the same mailbox at once, also behind a pooler in transaction mode.
ALTER TABLE "mail_accounts" ADD COLUMN "next_sync_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "sync_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "sync_owner" text;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "sync_lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "mail_accounts_next_sync_at_idx" ON "mail_accounts" USING btree ("next_sync_at");--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD CONSTRAINT "mail_accounts_sync_failures_check" CHECK ("mail_accounts"."sync_failures" >= 0);