ALTER TABLE "order_items" ADD COLUMN "final_member_cost_cents" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "final_member_cost_cents" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fill_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_final_cost_ck" CHECK ("order_items"."final_member_cost_cents" >= 0);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_final_cost_ck" CHECK ("orders"."final_member_cost_cents" >= 0);