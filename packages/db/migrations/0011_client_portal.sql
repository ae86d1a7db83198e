CREATE TABLE "client_access_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"tool" text NOT NULL,
	"request_id" uuid,
	"granted_by" uuid,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"recertified_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "client_access_grants_tool_ck" CHECK ("client_access_grants"."tool" in ('eligibility_files', 'plan_reports', 'claims_reports', 'formulary_documents'))
);
--> statement-breakpoint
CREATE TABLE "client_access_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"tools" text[] NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"checklist" jsonb,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_access_requests_status_ck" CHECK ("client_access_requests"."status" in ('pending', 'approved', 'denied')),
	CONSTRAINT "client_access_requests_tools_ck" CHECK (cardinality("client_access_requests"."tools") > 0)
);
--> statement-breakpoint
CREATE TABLE "client_email_domains" (
	"client_id" uuid NOT NULL,
	"domain" text NOT NULL,
	CONSTRAINT "client_email_domains_pk" PRIMARY KEY("client_id","domain")
);
--> statement-breakpoint
CREATE TABLE "client_primary_admins" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eligibility_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_hash" text NOT NULL,
	"interchange_control_number" text,
	"added" integer NOT NULL,
	"changed" integer NOT NULL,
	"terminated" integer NOT NULL,
	"applied_by" uuid NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	CONSTRAINT "eligibility_imports_format_ck" CHECK ("eligibility_imports"."format" in ('834', 'csv'))
);
--> statement-breakpoint
CREATE TABLE "portal_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"full_name" text NOT NULL,
	"email" text NOT NULL,
	"organization" text NOT NULL,
	"client_id" uuid NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"email_verified_at" timestamp with time zone,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_registrations_kind_ck" CHECK ("portal_registrations"."kind" in ('client', 'advisor'))
);
--> statement-breakpoint
ALTER TABLE "client_access_grants" ADD CONSTRAINT "client_access_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_access_grants" ADD CONSTRAINT "client_access_grants_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_access_grants" ADD CONSTRAINT "client_access_grants_request_id_client_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."client_access_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_access_grants" ADD CONSTRAINT "client_access_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_access_grants" ADD CONSTRAINT "client_access_grants_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_access_requests" ADD CONSTRAINT "client_access_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_access_requests" ADD CONSTRAINT "client_access_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_access_requests" ADD CONSTRAINT "client_access_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_email_domains" ADD CONSTRAINT "client_email_domains_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_primary_admins" ADD CONSTRAINT "client_primary_admins_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_primary_admins" ADD CONSTRAINT "client_primary_admins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_imports" ADD CONSTRAINT "eligibility_imports_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_imports" ADD CONSTRAINT "eligibility_imports_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_registrations" ADD CONSTRAINT "portal_registrations_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_registrations" ADD CONSTRAINT "portal_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_access_grants_live_uq" ON "client_access_grants" USING btree ("user_id","client_id","tool") WHERE "client_access_grants"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "client_access_grants_client_idx" ON "client_access_grants" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "client_access_requests_status_idx" ON "client_access_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "client_access_requests_user_idx" ON "client_access_requests" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_imports_hash_uq" ON "eligibility_imports" USING btree ("client_id","file_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_imports_icn_uq" ON "eligibility_imports" USING btree ("client_id","interchange_control_number") WHERE "eligibility_imports"."interchange_control_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "portal_registrations_token_uq" ON "portal_registrations" USING btree ("token_hash");