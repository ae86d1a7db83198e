CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"disclosed_on" date NOT NULL,
	"recipient" text NOT NULL,
	"purpose" text NOT NULL,
	"what_disclosed" text NOT NULL,
	"legal_request_id" uuid,
	"hidden_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"requester" text NOT NULL,
	"legal_basis" text NOT NULL,
	"due_date" date NOT NULL,
	"records_in_scope" text NOT NULL,
	"notification_prohibited" boolean DEFAULT false NOT NULL,
	"prohibition_basis" text,
	"prohibited_until" date,
	"clients_notified_at" timestamp with time zone,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_requests_kind_ck" CHECK ("legal_requests"."kind" in ('subpoena', 'court_order', 'regulator_request')),
	CONSTRAINT "legal_requests_prohibition_ck" CHECK (not "legal_requests"."notification_prohibited" or ("legal_requests"."prohibition_basis" is not null and "legal_requests"."prohibited_until" is not null))
);
--> statement-breakpoint
CREATE TABLE "notice_acknowledgements" (
	"notice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notice_acknowledgements_notice_id_user_id_pk" PRIMARY KEY("notice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "privacy_choices" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"marketing_opt_out" boolean DEFAULT false NOT NULL,
	"research_opt_out" boolean DEFAULT false NOT NULL,
	"deidentified_opt_out" boolean DEFAULT false NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body_markdown" text NOT NULL,
	"summary_of_changes" text NOT NULL,
	"effective_date" date NOT NULL,
	"published_by_user_id" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"banner_ended_at" timestamp with time zone,
	"emails_sent" integer DEFAULT 0 NOT NULL,
	"email_cursor_user_id" uuid,
	"email_lease_until" timestamp with time zone,
	"emails_done_at" timestamp with time zone,
	CONSTRAINT "privacy_notices_kind_ck" CHECK ("privacy_notices"."kind" in ('notice', 'business_transfer'))
);
--> statement-breakpoint
CREATE TABLE "record_exports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"bundle_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "record_exports_status_ck" CHECK ("record_exports"."status" in ('queued', 'running', 'ready', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_legal_request_id_legal_requests_id_fk" FOREIGN KEY ("legal_request_id") REFERENCES "public"."legal_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_requests" ADD CONSTRAINT "legal_requests_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_acknowledgements" ADD CONSTRAINT "notice_acknowledgements_notice_id_privacy_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."privacy_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_acknowledgements" ADD CONSTRAINT "notice_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_choices" ADD CONSTRAINT "privacy_choices_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_choices" ADD CONSTRAINT "privacy_choices_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_notices" ADD CONSTRAINT "privacy_notices_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_exports" ADD CONSTRAINT "record_exports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_exports" ADD CONSTRAINT "record_exports_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_member_idx" ON "disclosures" USING btree ("member_id","disclosed_on");--> statement-breakpoint
CREATE INDEX "disclosures_request_idx" ON "disclosures" USING btree ("legal_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_notices_kind_version_uq" ON "privacy_notices" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "record_exports_member_idx" ON "record_exports" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "record_exports_one_running_uq" ON "record_exports" USING btree ("member_id","requested_by_user_id") WHERE "record_exports"."status" in ('queued', 'running');--> statement-breakpoint
-- Members whose records may feed de-identified data (reports, extracts): everyone who has not opted out.
-- Producers join this view (or call excludedFromDeidentified in apps/server/src/privacy) instead of members.
CREATE VIEW "members_in_deidentified_data" AS
  SELECT m.id AS member_id, m.client_id
    FROM "members" m
   WHERE NOT EXISTS (
     SELECT 1 FROM "privacy_choices" pc WHERE pc.member_id = m.id AND pc.deidentified_opt_out
   );
