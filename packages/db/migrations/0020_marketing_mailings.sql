CREATE TABLE "marketing_mailing_recipients" (
	"mailing_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "marketing_mailing_recipients_mailing_id_member_id_pk" PRIMARY KEY("mailing_id","member_id"),
	CONSTRAINT "marketing_mailing_recipients_status_ck" CHECK ("marketing_mailing_recipients"."status" in ('pending', 'sending', 'sent', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "marketing_mailings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid,
	"requested_by_user_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"left_out_opted_out" integer DEFAULT 0 NOT NULL,
	"left_out_minors" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "marketing_mailings_status_ck" CHECK ("marketing_mailings"."status" in ('queued', 'sending', 'complete'))
);
--> statement-breakpoint
ALTER TABLE "marketing_mailing_recipients" ADD CONSTRAINT "marketing_mailing_recipients_mailing_id_marketing_mailings_id_fk" FOREIGN KEY ("mailing_id") REFERENCES "public"."marketing_mailings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_mailing_recipients" ADD CONSTRAINT "marketing_mailing_recipients_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_mailings" ADD CONSTRAINT "marketing_mailings_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketing_mailings" ADD CONSTRAINT "marketing_mailings_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "marketing_mailings_open_idx" ON "marketing_mailings" USING btree ("status","created_at");