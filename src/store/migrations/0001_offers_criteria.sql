CREATE TABLE "criteria" (
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"weight" smallint NOT NULL,
	CONSTRAINT "criteria_user_id_name_pk" PRIMARY KEY("user_id","name"),
	CONSTRAINT "criteria_weight_check" CHECK ("criteria"."weight" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "criterion_ratings" (
	"user_id" text NOT NULL,
	"application_id" text NOT NULL,
	"criterion" text NOT NULL,
	"rating" smallint NOT NULL,
	CONSTRAINT "criterion_ratings_user_id_application_id_criterion_pk" PRIMARY KEY("user_id","application_id","criterion"),
	CONSTRAINT "criterion_ratings_rating_check" CHECK ("criterion_ratings"."rating" between 0 and 5)
);
--> statement-breakpoint
ALTER TABLE "red_flags" ADD COLUMN "manager" boolean;--> statement-breakpoint
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_ratings" ADD CONSTRAINT "criterion_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_ratings" ADD CONSTRAINT "criterion_ratings_application_fk" FOREIGN KEY ("user_id","application_id") REFERENCES "public"."applications"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_ratings" ADD CONSTRAINT "criterion_ratings_criterion_fk" FOREIGN KEY ("user_id","criterion") REFERENCES "public"."criteria"("user_id","name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_flags" ADD CONSTRAINT "red_flags_manager_check" CHECK ("red_flags"."manager" is null or "red_flags"."flag" = 'R6');