CREATE TABLE "claim_other_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"coverage_type" text NOT NULL,
	"payer_id_qualifier" text,
	"payer_id" text,
	"payer_date" date,
	"amount_paid_cents" integer NOT NULL,
	"patient_responsibility_cents" integer,
	"reject_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "claim_other_payments_paid_ck" CHECK ("claim_other_payments"."amount_paid_cents" >= 0),
	CONSTRAINT "claim_other_payments_responsibility_ck" CHECK ("claim_other_payments"."patient_responsibility_cents" is null or "claim_other_payments"."patient_responsibility_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "claim_overrides" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"drug_group_id" uuid NOT NULL,
	"pharmacy_id" uuid,
	"clarification_code" text NOT NULL,
	"overridden_reject_code" text NOT NULL,
	"date_of_service" date NOT NULL,
	"prior_uses" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_overrides_code_ck" CHECK ("claim_overrides"."clarification_code" in ('3', '5', '7'))
);
--> statement-breakpoint
CREATE TABLE "member_other_coverage" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"coverage_type" text NOT NULL,
	"payer_name" text NOT NULL,
	"bin" text NOT NULL,
	"pcn" text,
	"group_id" text,
	"cardholder_id_enc" text NOT NULL,
	"person_code" text,
	"help_desk_phone" text,
	"effective_date" date NOT NULL,
	"termination_date" date,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_other_coverage_type_ck" CHECK ("member_other_coverage"."coverage_type" in ('01', '02', '03')),
	CONSTRAINT "member_other_coverage_source_ck" CHECK ("member_other_coverage"."source" in ('customer_service', 'eligibility_file')),
	CONSTRAINT "member_other_coverage_bin_ck" CHECK ("member_other_coverage"."bin" ~ '^[0-9]{6}$'),
	CONSTRAINT "member_other_coverage_window_ck" CHECK ("member_other_coverage"."termination_date" is null or "member_other_coverage"."termination_date" >= "member_other_coverage"."effective_date")
);
--> statement-breakpoint
ALTER TABLE "claim_other_payments" ADD CONSTRAINT "claim_other_payments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_drug_group_id_drug_groups_id_fk" FOREIGN KEY ("drug_group_id") REFERENCES "public"."drug_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_other_coverage" ADD CONSTRAINT "member_other_coverage_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_other_coverage" ADD CONSTRAINT "member_other_coverage_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_other_payments_claim_idx" ON "claim_other_payments" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "claim_overrides_member_drug_idx" ON "claim_overrides" USING btree ("member_id","drug_group_id","date_of_service");--> statement-breakpoint
CREATE INDEX "member_other_coverage_member_idx" ON "member_other_coverage" USING btree ("member_id");