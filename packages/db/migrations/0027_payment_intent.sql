ALTER TABLE "order_payments" DROP CONSTRAINT "order_payments_status_ck";--> statement-breakpoint
ALTER TABLE "order_payments" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "order_payments_idempotency_key_uq" ON "order_payments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "order_payments_one_charging_uq" ON "order_payments" USING btree ("order_id") WHERE "order_payments"."status" = 'charging';--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_status_ck" CHECK ("order_payments"."status" in ('charging', 'captured', 'declined', 'not_required'));