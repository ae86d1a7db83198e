ALTER TABLE "claims" DROP CONSTRAINT "claims_transaction_ck";--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_reversal_ck";--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_transaction_ck" CHECK ("claims"."transaction_code" in ('E1', 'B1', 'B2', 'C1', 'C2', 'C3'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_reversal_ck" CHECK (("claims"."transaction_code" in ('B2', 'C2')) = ("claims"."reversal_of_claim_id" is not null));