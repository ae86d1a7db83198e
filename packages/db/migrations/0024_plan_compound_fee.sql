ALTER TABLE "plans" ADD COLUMN "compound_fee_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "controlled_substance_limits" jsonb DEFAULT '{}'::jsonb NOT NULL;