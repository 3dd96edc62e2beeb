ALTER TABLE "applications" ADD COLUMN "posting_url" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "location" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "workplace" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "salary_text" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "salary_min" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "salary_max" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "salary_currency" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "salary_period" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_workplace_check" CHECK ("applications"."workplace" in ('remote', 'hybrid', 'on_site'));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_salary_period_check" CHECK ("applications"."salary_period" in ('hour', 'day', 'week', 'month', 'year'));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_salary_check" CHECK (("applications"."salary_text" is not null) or ("applications"."salary_min" is null and "applications"."salary_max" is null and "applications"."salary_currency" is null and "applications"."salary_period" is null));