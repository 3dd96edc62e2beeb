CREATE TABLE "applications" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"company" text NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"applied_on" date,
	"time_zone" text,
	"region" text,
	"individual_panel_notes" boolean NOT NULL,
	"protocol" jsonb NOT NULL,
	"next_due_at" timestamp with time zone,
	"next_due_kind" text,
	CONSTRAINT "applications_user_id_id_pk" PRIMARY KEY("user_id","id"),
	CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('active', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn', 'no_response', 'filled')),
	CONSTRAINT "applications_next_due_kind_check" CHECK ("applications"."next_due_kind" in ('thank_you', 'status_check', 'call', 'give_up', 'reference_brief', 'reply')),
	CONSTRAINT "applications_next_due_check" CHECK (("applications"."next_due_at" is null) = ("applications"."next_due_kind" is null))
);
--> statement-breakpoint
CREATE TABLE "candidate_references" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"relationship" text,
	"speak_to" text,
	"time_zone" text,
	"briefed" boolean NOT NULL,
	CONSTRAINT "candidate_references_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"user_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"signature" text,
	"preferred_channel" text,
	"local" boolean NOT NULL,
	CONSTRAINT "candidates_channel_check" CHECK ("candidates"."preferred_channel" in ('email', 'letter', 'handwritten_note', 'phone', 'voicemail', 'fax', 'in_person', 'professional_network'))
);
--> statement-breakpoint
CREATE TABLE "debriefs" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"interview_id" text NOT NULL,
	"asked_next_steps" boolean,
	"collected_contacts" boolean,
	"best_moments" text,
	"awkward_moments" text,
	"unfinished_answers" text,
	"details" jsonb,
	"concerns" text,
	CONSTRAINT "debriefs_user_id_application_id_interview_id_pk" PRIMARY KEY("user_id","application_id","interview_id")
);
--> statement-breakpoint
CREATE TABLE "interview_people" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"interview_id" text NOT NULL,
	"position" integer NOT NULL,
	"person_id" text NOT NULL,
	CONSTRAINT "interview_people_pk" PRIMARY KEY("user_id","application_id","interview_id","position")
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"stage" text NOT NULL,
	"format" text NOT NULL,
	"panel" boolean NOT NULL,
	"panel_lead_id" text,
	"timeline_said" text,
	"timeline_decision_by" date,
	"go_ahead" boolean NOT NULL,
	"has_directions" boolean NOT NULL,
	"directions_channel" text,
	"directions_on" date,
	"directions_person_id" text,
	"contact_id" text,
	"references_requested" boolean NOT NULL,
	CONSTRAINT "interviews_user_id_application_id_id_pk" PRIMARY KEY("user_id","application_id","id"),
	CONSTRAINT "interviews_stage_check" CHECK ("interviews"."stage" in ('phone_screen', 'first_round', 'second_round', 'third_round', 'final')),
	CONSTRAINT "interviews_format_check" CHECK ("interviews"."format" in ('phone', 'video', 'on_site')),
	CONSTRAINT "interviews_directions_channel_check" CHECK ("interviews"."directions_channel" in ('email', 'letter', 'handwritten_note', 'phone', 'voicemail', 'fax', 'in_person', 'professional_network')),
	CONSTRAINT "interviews_time_check" CHECK ("interviews"."ends_at" >= "interviews"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "offer_items" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"section" text NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "offer_items_user_id_application_id_section_position_pk" PRIMARY KEY("user_id","application_id","section","position"),
	CONSTRAINT "offer_items_section_check" CHECK ("offer_items"."section" in ('pay', 'benefits'))
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"received_on" date,
	"respond_by" date,
	"notes" text,
	CONSTRAINT "offers_user_id_application_id_pk" PRIMARY KEY("user_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"honorific" text,
	"title" text,
	"role" text NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"time_zone" text,
	"region" text,
	"preferred_channel" text,
	"informal" boolean NOT NULL,
	"verified" boolean NOT NULL,
	CONSTRAINT "people_user_id_application_id_id_pk" PRIMARY KEY("user_id","application_id","id"),
	CONSTRAINT "people_role_check" CHECK ("people"."role" in ('interviewer', 'recruiter', 'hiring_manager', 'coordinator', 'receptionist', 'other')),
	CONSTRAINT "people_channel_check" CHECK ("people"."preferred_channel" in ('email', 'letter', 'handwritten_note', 'phone', 'voicemail', 'fax', 'in_person', 'professional_network'))
);
--> statement-breakpoint
CREATE TABLE "red_flags" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"flag" text NOT NULL,
	"score" smallint NOT NULL,
	"notes" text,
	CONSTRAINT "red_flags_user_id_application_id_flag_pk" PRIMARY KEY("user_id","application_id","flag"),
	CONSTRAINT "red_flags_flag_check" CHECK ("red_flags"."flag" in ('R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8')),
	CONSTRAINT "red_flags_score_check" CHECK ("red_flags"."score" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"time_zone" text NOT NULL,
	"workday_start" smallint NOT NULL,
	"workday_end" smallint NOT NULL,
	"workday_days" smallint[] NOT NULL,
	"protocol" jsonb NOT NULL,
	CONSTRAINT "settings_workday_check" CHECK ("settings"."workday_start" >= 0 and "settings"."workday_end" <= 1440 and "settings"."workday_start" < "settings"."workday_end"),
	CONSTRAINT "settings_workday_days_check" CHECK ("settings"."workday_days" <@ '{1,2,3,4,5,6,7}'::smallint[])
);
--> statement-breakpoint
CREATE TABLE "touches" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"person_id" text,
	"reference_id" text,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"text" text,
	"new_decision_by" date,
	CONSTRAINT "touches_user_id_application_id_seq_pk" PRIMARY KEY("user_id","application_id","seq"),
	CONSTRAINT "touches_channel_check" CHECK ("touches"."channel" in ('email', 'letter', 'handwritten_note', 'phone', 'voicemail', 'fax', 'in_person', 'professional_network')),
	CONSTRAINT "touches_kind_check" CHECK ("touches"."kind" in ('thank_you', 'status_check', 'update', 'call', 'voicemail', 'reply', 'reference_brief')),
	CONSTRAINT "touches_outcome_check" CHECK ("touches"."outcome" in ('sent', 'no_answer', 'voicemail', 'receptionist', 'not_decided', 'still_considered', 'filled', 'reply_received', 'offer', 'rejected', 'next_round'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_references" ADD CONSTRAINT "candidate_references_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debriefs" ADD CONSTRAINT "debriefs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debriefs" ADD CONSTRAINT "debriefs_interview_fk" FOREIGN KEY ("user_id","application_id","interview_id") REFERENCES "public"."interviews"("user_id","application_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_people" ADD CONSTRAINT "interview_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_people" ADD CONSTRAINT "interview_people_interview_fk" FOREIGN KEY ("user_id","application_id","interview_id") REFERENCES "public"."interviews"("user_id","application_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_people" ADD CONSTRAINT "interview_people_person_fk" FOREIGN KEY ("user_id","application_id","person_id") REFERENCES "public"."people"("user_id","application_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_panel_lead_fk" FOREIGN KEY ("user_id","application_id","panel_lead_id") REFERENCES "public"."people"("user_id","application_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_directions_person_fk" FOREIGN KEY ("user_id","application_id","directions_person_id") REFERENCES "public"."people"("user_id","application_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_contact_fk" FOREIGN KEY ("user_id","application_id","contact_id") REFERENCES "public"."people"("user_id","application_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_items" ADD CONSTRAINT "offer_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_items" ADD CONSTRAINT "offer_items_offer_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."offers"("user_id","application_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_flags" ADD CONSTRAINT "red_flags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_flags" ADD CONSTRAINT "red_flags_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_person_fk" FOREIGN KEY ("user_id","application_id","person_id") REFERENCES "public"."people"("user_id","application_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touches" ADD CONSTRAINT "touches_reference_fk" FOREIGN KEY ("user_id","reference_id") REFERENCES "public"."candidate_references"("user_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_user_position_idx" ON "applications" USING btree ("user_id","position");--> statement-breakpoint
CREATE INDEX "applications_user_next_due_idx" ON "applications" USING btree ("user_id","next_due_at");--> statement-breakpoint
CREATE INDEX "interviews_user_starts_idx" ON "interviews" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "touches_user_at_idx" ON "touches" USING btree ("user_id","at");