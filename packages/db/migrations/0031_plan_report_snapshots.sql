CREATE TABLE "plan_report_generations" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"generation" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_report_snapshots" (
	"client_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"generation" bigint NOT NULL,
	"report" jsonb NOT NULL,
	CONSTRAINT "plan_report_snapshots_client_id_from_month_to_month_pk" PRIMARY KEY("client_id","from_month","to_month")
);
--> statement-breakpoint
ALTER TABLE "plan_report_generations" ADD CONSTRAINT "plan_report_generations_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_snapshots" ADD CONSTRAINT "plan_report_snapshots_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A snapshot must never count a member it may no longer count: a change to a member's opt-out or eligibility, or a
-- member moved to another client, moves the generation of the clients concerned, in the same statement. One
-- statement-level trigger per table and event (transition tables), so a 100,000-row eligibility file costs one
-- upsert per client. Claims do not: a snapshot is the report as of its time, served for a day at most.
CREATE FUNCTION plan_report_next_generation(client_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO plan_report_generations (client_id, generation)
  SELECT DISTINCT id, 1 FROM unnest(client_ids) AS t(id) WHERE id IS NOT NULL
  ON CONFLICT (client_id) DO UPDATE SET generation = plan_report_generations.generation + 1
$$;
--> statement-breakpoint
CREATE FUNCTION plan_report_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM plan_report_next_generation(ARRAY(
    SELECT m.client_id FROM members m WHERE m.id IN (SELECT member_id FROM changed)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION plan_report_members_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM plan_report_next_generation(ARRAY(
    SELECT unnest(array[o.client_id, n.client_id])
      FROM before_rows o JOIN after_rows n ON n.id = o.id
     WHERE n.client_id IS DISTINCT FROM o.client_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER privacy_choices_inserted_report AFTER INSERT ON privacy_choices REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION plan_report_members_changed();
--> statement-breakpoint
CREATE TRIGGER privacy_choices_updated_report AFTER UPDATE ON privacy_choices REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION plan_report_members_changed();
--> statement-breakpoint
CREATE TRIGGER privacy_choices_deleted_report AFTER DELETE ON privacy_choices REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION plan_report_members_changed();
--> statement-breakpoint
CREATE TRIGGER eligibility_spans_inserted_report AFTER INSERT ON eligibility_spans REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION plan_report_members_changed();
--> statement-breakpoint
CREATE TRIGGER eligibility_spans_updated_report AFTER UPDATE ON eligibility_spans REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION plan_report_members_changed();
--> statement-breakpoint
CREATE TRIGGER eligibility_spans_deleted_report AFTER DELETE ON eligibility_spans REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION plan_report_members_changed();
--> statement-breakpoint
CREATE TRIGGER members_moved_report AFTER UPDATE ON members REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_report_members_moved();
