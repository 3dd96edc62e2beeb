ALTER TABLE "applications" ADD COLUMN "import_digest" text;--> statement-breakpoint
-- A re-import trusts import_digest only while the values an imported row sets are as it left them:
-- an update that changes one of them and does not set the digest itself clears it.
CREATE FUNCTION "applications_import_digest_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."import_digest" IS NOT DISTINCT FROM OLD."import_digest"
    AND (NEW."company", NEW."role", NEW."status", NEW."applied_on", NEW."posting_url", NEW."location", NEW."workplace",
         NEW."salary_text", NEW."salary_min", NEW."salary_max", NEW."salary_currency", NEW."salary_period",
         NEW."source", NEW."source_id", NEW."description", NEW."notes", NEW."tags")
    IS DISTINCT FROM (OLD."company", OLD."role", OLD."status", OLD."applied_on", OLD."posting_url", OLD."location", OLD."workplace",
         OLD."salary_text", OLD."salary_min", OLD."salary_max", OLD."salary_currency", OLD."salary_period",
         OLD."source", OLD."source_id", OLD."description", OLD."notes", OLD."tags")
  THEN
    NEW."import_digest" := NULL;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "applications_import_digest_clear" BEFORE UPDATE ON "applications"
  FOR EACH ROW WHEN (OLD."import_digest" IS NOT NULL) EXECUTE FUNCTION "applications_import_digest_clear"();--> statement-breakpoint
-- A row's contact is matched by name among the people: renaming or removing one clears the digest
-- (adding one cannot make a known contact unknown). Once per statement, over the rows it changed.
CREATE FUNCTION "people_import_digest_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "applications" a SET "import_digest" = NULL
    FROM (SELECT DISTINCT "user_id", "application_id" FROM "changed_people") c
    WHERE a."user_id" = c."user_id" AND a."id" = c."application_id" AND a."import_digest" IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "people_import_digest_clear_update" AFTER UPDATE ON "people"
  REFERENCING OLD TABLE AS "changed_people" FOR EACH STATEMENT EXECUTE FUNCTION "people_import_digest_clear"();--> statement-breakpoint
CREATE TRIGGER "people_import_digest_clear_delete" AFTER DELETE ON "people"
  REFERENCING OLD TABLE AS "changed_people" FOR EACH STATEMENT EXECUTE FUNCTION "people_import_digest_clear"();
