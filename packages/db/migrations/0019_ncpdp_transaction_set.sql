CREATE TABLE "plan_service_fees" (
	"plan_id" uuid NOT NULL,
	"service_id_qualifier" text NOT NULL,
	"service_id" text NOT NULL,
	"name" text NOT NULL,
	"fee_cents" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	CONSTRAINT "plan_service_fees_pk" PRIMARY KEY("plan_id","service_id_qualifier","service_id","effective_from"),
	CONSTRAINT "plan_service_fees_fee_ck" CHECK ("plan_service_fees"."fee_cents" >= 0),
	CONSTRAINT "plan_service_fees_qualifier_ck" CHECK ("plan_service_fees"."service_id_qualifier" ~ '^[0-9]{2}$'),
	CONSTRAINT "plan_service_fees_window_ck" CHECK ("plan_service_fees"."effective_to" is null or "plan_service_fees"."effective_to" >= "plan_service_fees"."effective_from")
);
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_transaction_ck";--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_reversal_ck";--> statement-breakpoint
DROP INDEX "claims_reversal_uq";--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "information_reports_count" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_service_fees" ADD CONSTRAINT "plan_service_fees_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_paid_s1_dedupe_uq" ON "claims" USING btree ("service_provider_id","rx_number","fill_number","date_of_service") WHERE "claims"."transaction_code" = 'S1' and "claims"."status" = 'paid';--> statement-breakpoint
CREATE UNIQUE INDEX "claims_reversal_uq" ON "claims" USING btree ("reversal_of_claim_id") WHERE "claims"."transaction_code" in ('B2', 'N2', 'S2') and "claims"."status" = 'reversed';--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_transaction_ck" CHECK ("claims"."transaction_code" in ('E1', 'B1', 'B2', 'C1', 'C2', 'C3', 'N1', 'N2', 'S1', 'S2'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_reversal_ck" CHECK (("claims"."transaction_code" in ('B2', 'C2', 'N2', 'S2')) = ("claims"."reversal_of_claim_id" is not null));