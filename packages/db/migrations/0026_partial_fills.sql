DROP INDEX "claims_paid_b1_dedupe_uq";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "dispensing_status" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "intended_quantity_milli" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "intended_days_supply" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "partial_of_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_partial_of_claim_id_claims_id_fk" FOREIGN KEY ("partial_of_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_paid_completion_uq" ON "claims" USING btree ("partial_of_claim_id") WHERE "claims"."transaction_code" = 'B1' and "claims"."status" = 'paid' and "claims"."partial_of_claim_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_paid_b1_dedupe_uq" ON "claims" USING btree ("service_provider_id","rx_number","fill_number","date_of_service","transaction_code",coalesce("dispensing_status", '')) WHERE "claims"."transaction_code" = 'B1' and "claims"."status" = 'paid';--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_dispensing_status_ck" CHECK ("claims"."dispensing_status" is null or "claims"."dispensing_status" in ('P', 'C'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_partial_of_ck" CHECK ("claims"."partial_of_claim_id" is null or "claims"."dispensing_status" = 'C');