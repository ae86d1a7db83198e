CREATE TABLE "prescriber_npi_verifications" (
	"prescriber_id" uuid PRIMARY KEY NOT NULL,
	"npi" text NOT NULL,
	"method" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	"verified_by_user_id" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "prescriber_npi_verifications_method_ck" CHECK ("prescriber_npi_verifications"."method" in ('registry_match', 'staff_review'))
);
--> statement-breakpoint
CREATE TABLE "prior_auth_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"uploaded_by_user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content_key_id" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_auth_attachments_type_ck" CHECK ("prior_auth_attachments"."content_type" in ('application/pdf', 'image/png', 'image/jpeg')),
	CONSTRAINT "prior_auth_attachments_size_ck" CHECK ("prior_auth_attachments"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "prior_auth_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"note" text,
	"detail" jsonb,
	CONSTRAINT "prior_auth_events_kind_ck" CHECK ("prior_auth_events"."kind" in ('submitted', 'auto_approved', 'queued', 'review_started', 'info_requested', 'info_provided', 'info_window_expired', 'attachment_added', 'approved', 'denied', 'escalated', 'appealed', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_kind_ck";--> statement-breakpoint
ALTER TABLE "secure_messages" DROP CONSTRAINT "secure_messages_kind_ck";--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "requested_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "auto_approved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "criteria_set_id" text;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "evaluation" jsonb;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "clock_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "clock_remaining_seconds" integer;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "info_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prescriber_npi_verifications" ADD CONSTRAINT "prescriber_npi_verifications_prescriber_id_prescribers_id_fk" FOREIGN KEY ("prescriber_id") REFERENCES "public"."prescribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_npi_verifications" ADD CONSTRAINT "prescriber_npi_verifications_verified_by_user_id_users_id_fk" FOREIGN KEY ("verified_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" ADD CONSTRAINT "prior_auth_attachments_case_id_prior_authorizations_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."prior_authorizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" ADD CONSTRAINT "prior_auth_attachments_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_events" ADD CONSTRAINT "prior_auth_events_case_id_prior_authorizations_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."prior_authorizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_events" ADD CONSTRAINT "prior_auth_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prior_auth_attachments_case_idx" ON "prior_auth_attachments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "prior_auth_events_case_idx" ON "prior_auth_events" USING btree ("case_id","at");--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_kind_ck" CHECK ("notification_preferences"."kind" in ('refill_due', 'order_placed', 'order_shipped', 'order_delivered', 'order_exception', 'payment_problem', 'transfer_update', 'new_prescription', 'prior_auth_update'));--> statement-breakpoint
ALTER TABLE "secure_messages" ADD CONSTRAINT "secure_messages_kind_ck" CHECK ("secure_messages"."kind" in ('refill_due', 'order_placed', 'order_shipped', 'order_delivered', 'order_exception', 'payment_problem', 'transfer_update', 'new_prescription', 'prior_auth_update'));--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_clock_ck" CHECK (("prior_authorizations"."clock_paused_at" is null) = ("prior_authorizations"."clock_remaining_seconds" is null) and "prior_authorizations"."clock_remaining_seconds" >= 0);