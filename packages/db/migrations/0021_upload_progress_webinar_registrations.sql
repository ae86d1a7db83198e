CREATE TABLE "eligibility_upload_progress" (
	"upload_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"processed" integer NOT NULL,
	"total" integer NOT NULL,
	"errors" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "eligibility_upload_progress_phase_ck" CHECK ("eligibility_upload_progress"."phase" in ('checking', 'applying', 'done'))
);
--> statement-breakpoint
CREATE TABLE "webinar_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"content_item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "eligibility_upload_progress" ADD CONSTRAINT "eligibility_upload_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_upload_progress" ADD CONSTRAINT "eligibility_upload_progress_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webinar_registrations" ADD CONSTRAINT "webinar_registrations_content_item_id_content_items_id_fk" FOREIGN KEY ("content_item_id") REFERENCES "public"."content_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webinar_registrations" ADD CONSTRAINT "webinar_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eligibility_upload_progress_updated_idx" ON "eligibility_upload_progress" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webinar_registrations_item_user_uq" ON "webinar_registrations" USING btree ("content_item_id","user_id");--> statement-breakpoint
CREATE INDEX "webinar_registrations_user_idx" ON "webinar_registrations" USING btree ("user_id");