-- The mailbox link (issue 16): the linked account with its sealed secret, where each folder's sync
-- stopped, the messages seen (one per Message-ID and user), the proposals made from them, and the
-- outbox of scheduled sends (one per Message-ID).
CREATE TABLE "mail_accounts" (
	"user_id" text PRIMARY KEY NOT NULL,
	"imap_host" text NOT NULL,
	"imap_port" integer NOT NULL,
	"imap_security" text NOT NULL,
	"smtp_host" text NOT NULL,
	"smtp_port" integer NOT NULL,
	"smtp_security" text NOT NULL,
	"login" text NOT NULL,
	"address" text NOT NULL,
	"auth_method" text NOT NULL,
	"secret_iv" text NOT NULL,
	"secret_tag" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"status" text NOT NULL,
	"last_error" text,
	"connected_at" timestamp with time zone NOT NULL,
	"last_sync_at" timestamp with time zone,
	CONSTRAINT "mail_accounts_imap_security_check" CHECK ("mail_accounts"."imap_security" in ('tls', 'starttls', 'none')),
	CONSTRAINT "mail_accounts_smtp_security_check" CHECK ("mail_accounts"."smtp_security" in ('tls', 'starttls', 'none')),
	CONSTRAINT "mail_accounts_auth_method_check" CHECK ("mail_accounts"."auth_method" in ('password', 'xoauth2')),
	CONSTRAINT "mail_accounts_status_check" CHECK ("mail_accounts"."status" in ('connected', 'failing')),
	CONSTRAINT "mail_accounts_ports_check" CHECK ("mail_accounts"."imap_port" between 1 and 65535 and "mail_accounts"."smtp_port" between 1 and 65535)
);
--> statement-breakpoint
CREATE TABLE "mail_folders" (
	"user_id" text NOT NULL,
	"path" text NOT NULL,
	"special_use" text,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint NOT NULL,
	"highest_modseq" numeric(20, 0),
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "mail_folders_user_id_path_pk" PRIMARY KEY("user_id","path")
);
--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"user_id" text NOT NULL,
	"message_id" text NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"from_address" text,
	"to_addresses" text[] NOT NULL,
	"cc_addresses" text[] NOT NULL,
	"date" timestamp with time zone,
	"subject" text,
	"in_reply_to" text,
	"references" text[] NOT NULL,
	"application_id" text,
	"person_id" text,
	"result" text NOT NULL,
	"touch_seq" integer,
	"touch_kind" text,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mail_messages_user_id_message_id_pk" PRIMARY KEY("user_id","message_id"),
	CONSTRAINT "mail_messages_result_check" CHECK ("mail_messages"."result" in ('touch', 'proposal', 'bounce', 'ignored')),
	CONSTRAINT "mail_messages_touch_kind_check" CHECK ("mail_messages"."touch_kind" in ('thank_you', 'status_check', 'update', 'call', 'voicemail', 'reply', 'reference_brief')),
	CONSTRAINT "mail_messages_matched_check" CHECK ("mail_messages"."result" = 'ignored' or "mail_messages"."application_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"user_id" text NOT NULL,
	"id" integer NOT NULL,
	"application_id" text NOT NULL,
	"person_id" text,
	"kind" text NOT NULL,
	"to_addresses" text[] NOT NULL,
	"cc_addresses" text[] NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"message_id" text NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"cancelled_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mail_outbox_user_id_id_pk" PRIMARY KEY("user_id","id"),
	CONSTRAINT "mail_outbox_message_id_unique" UNIQUE("message_id"),
	CONSTRAINT "mail_outbox_kind_check" CHECK ("mail_outbox"."kind" in ('thank_you', 'status_check', 'update', 'call', 'voicemail', 'reply', 'reference_brief')),
	CONSTRAINT "mail_outbox_status_check" CHECK ("mail_outbox"."status" in ('queued', 'sending', 'sent', 'cancelled', 'failed')),
	CONSTRAINT "mail_outbox_attempts_check" CHECK ("mail_outbox"."attempts" >= 0),
	CONSTRAINT "mail_outbox_sent_check" CHECK (("mail_outbox"."status" = 'sent') = ("mail_outbox"."sent_at" is not null)),
	CONSTRAINT "mail_outbox_to_check" CHECK (cardinality("mail_outbox"."to_addresses") > 0)
);
--> statement-breakpoint
CREATE TABLE "mail_proposals" (
	"user_id" text NOT NULL,
	"id" integer NOT NULL,
	"application_id" text NOT NULL,
	"message_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "mail_proposals_user_id_id_pk" PRIMARY KEY("user_id","id"),
	CONSTRAINT "mail_proposals_kind_check" CHECK ("mail_proposals"."kind" in ('next_round', 'rejection', 'not_decided', 'offer', 'references_requested', 'out_of_office', 'question', 'other', 'bounce')),
	CONSTRAINT "mail_proposals_status_check" CHECK ("mail_proposals"."status" in ('pending', 'accepted', 'dismissed')),
	CONSTRAINT "mail_proposals_decided_check" CHECK (("mail_proposals"."status" = 'pending') = ("mail_proposals"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD CONSTRAINT "mail_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_folders" ADD CONSTRAINT "mail_folders_user_id_mail_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."mail_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_proposals" ADD CONSTRAINT "mail_proposals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_proposals" ADD CONSTRAINT "mail_proposals_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_proposals" ADD CONSTRAINT "mail_proposals_message_fk" FOREIGN KEY ("user_id","message_id") REFERENCES "public"."mail_messages"("user_id","message_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_messages_user_folder_uid_idx" ON "mail_messages" USING btree ("user_id","folder","uid_validity","uid");--> statement-breakpoint
CREATE INDEX "mail_outbox_status_send_at_idx" ON "mail_outbox" USING btree ("status","send_at");--> statement-breakpoint
CREATE INDEX "mail_proposals_user_status_idx" ON "mail_proposals" USING btree ("user_id","status");