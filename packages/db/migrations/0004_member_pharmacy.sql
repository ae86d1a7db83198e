CREATE SEQUENCE "public"."order_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 60000001 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."rx_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 80000001 CACHE 1;--> statement-breakpoint
CREATE TABLE "proxy_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grantor_member_id" uuid NOT NULL,
	"grantee_member_id" uuid NOT NULL,
	"access" text NOT NULL,
	"granted_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "proxy_grants_access_ck" CHECK ("proxy_grants"."access" in ('view', 'manage')),
	CONSTRAINT "proxy_grants_self_ck" CHECK ("proxy_grants"."grantor_member_id" <> "proxy_grants"."grantee_member_id")
);
--> statement-breakpoint
CREATE TABLE "auto_refill_enrollments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"prescription_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"enrolled_by_user_id" uuid NOT NULL,
	"payment_method_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"next_refill_date" date NOT NULL,
	"last_order_id" uuid,
	"last_problem" text,
	"last_run_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_refill_enrollments_status_ck" CHECK ("auto_refill_enrollments"."status" in ('active', 'paused', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "order_requests" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"requested_by_user_id" uuid,
	"shipping_speed" text NOT NULL,
	"payment_method_id" uuid,
	"cost_basis" text NOT NULL,
	"estimated_delivery_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_requests_source_ck" CHECK ("order_requests"."source" in ('member', 'auto_refill')),
	CONSTRAINT "order_requests_speed_ck" CHECK ("order_requests"."shipping_speed" in ('standard', 'expedited')),
	CONSTRAINT "order_requests_cost_basis_ck" CHECK ("order_requests"."cost_basis" in ('benefits_engine', 'plan_estimate'))
);
--> statement-breakpoint
CREATE TABLE "prescriber_contact_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"prescription_id" uuid,
	"prescriber_id" uuid,
	"prescriber_name" text,
	"prescriber_phone" text,
	"drug_description" text,
	"status" text DEFAULT 'open' NOT NULL,
	"response_note" text,
	"new_prescription_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "prescriber_contact_requests_status_ck" CHECK ("prescriber_contact_requests"."status" in ('open', 'completed', 'declined', 'cancelled')),
	CONSTRAINT "prescriber_contact_requests_who_ck" CHECK ("prescriber_contact_requests"."prescriber_id" is not null or "prescriber_contact_requests"."prescriber_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "prescription_origins" (
	"prescription_id" uuid PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"transfer_id" uuid,
	"contact_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prescription_origins_origin_ck" CHECK ("prescription_origins"."origin" in ('eprescribed', 'transfer'))
);
--> statement-breakpoint
CREATE TABLE "prescription_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"from_pharmacy_id" uuid,
	"from_pharmacy_name" text NOT NULL,
	"from_pharmacy_phone" text,
	"from_rx_number" text NOT NULL,
	"drug_description" text,
	"claim_id" uuid,
	"source_prescription_id" uuid,
	"to_pharmacy_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"staff_user_id" uuid,
	"resolution_note" text,
	"new_prescription_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "prescription_transfers_status_ck" CHECK ("prescription_transfers"."status" in ('requested', 'in_progress', 'completed', 'rejected', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"email" boolean NOT NULL,
	"push" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_preferences_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "notification_preferences_kind_ck" CHECK ("notification_preferences"."kind" in ('refill_due', 'order_placed', 'order_shipped', 'order_delivered', 'order_exception', 'payment_problem', 'transfer_update', 'new_prescription'))
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	"expired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "secure_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"member_id" uuid,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"portal_path" text,
	"pickup_token_hash" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"emailed_at" timestamp with time zone,
	"pushed_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	CONSTRAINT "secure_messages_kind_ck" CHECK ("secure_messages"."kind" in ('refill_due', 'order_placed', 'order_shipped', 'order_delivered', 'order_exception', 'payment_problem', 'transfer_update', 'new_prescription'))
);
--> statement-breakpoint
CREATE TABLE "order_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"payment_method_id" uuid,
	"amount_cents" integer NOT NULL,
	"status" text NOT NULL,
	"processor_reference" text,
	"decline_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_payments_status_ck" CHECK ("order_payments"."status" in ('captured', 'declined', 'not_required')),
	CONSTRAINT "order_payments_amount_ck" CHECK ("order_payments"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payment_methods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"vault_token" text NOT NULL,
	"brand" text NOT NULL,
	"last4" text NOT NULL,
	"exp_month" smallint NOT NULL,
	"exp_year" smallint NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "payment_methods_brand_ck" CHECK ("payment_methods"."brand" in ('visa', 'mastercard', 'amex', 'discover', 'other')),
	CONSTRAINT "payment_methods_status_ck" CHECK ("payment_methods"."status" in ('active', 'removed')),
	CONSTRAINT "payment_methods_last4_ck" CHECK ("payment_methods"."last4" ~ '^[0-9]{4}$'),
	CONSTRAINT "payment_methods_exp_ck" CHECK ("payment_methods"."exp_month" between 1 and 12 and "payment_methods"."exp_year" between 2000 and 2199)
);
--> statement-breakpoint
ALTER TABLE "proxy_grants" ADD CONSTRAINT "proxy_grants_grantor_member_id_members_id_fk" FOREIGN KEY ("grantor_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_grants" ADD CONSTRAINT "proxy_grants_grantee_member_id_members_id_fk" FOREIGN KEY ("grantee_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_grants" ADD CONSTRAINT "proxy_grants_granted_by_user_id_users_id_fk" FOREIGN KEY ("granted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_refill_enrollments" ADD CONSTRAINT "auto_refill_enrollments_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_refill_enrollments" ADD CONSTRAINT "auto_refill_enrollments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_refill_enrollments" ADD CONSTRAINT "auto_refill_enrollments_enrolled_by_user_id_users_id_fk" FOREIGN KEY ("enrolled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_refill_enrollments" ADD CONSTRAINT "auto_refill_enrollments_payment_method_id_payment_methods_id_fk" FOREIGN KEY ("payment_method_id") REFERENCES "public"."payment_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_refill_enrollments" ADD CONSTRAINT "auto_refill_enrollments_last_order_id_orders_id_fk" FOREIGN KEY ("last_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_requests" ADD CONSTRAINT "order_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_requests" ADD CONSTRAINT "order_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_requests" ADD CONSTRAINT "order_requests_payment_method_id_payment_methods_id_fk" FOREIGN KEY ("payment_method_id") REFERENCES "public"."payment_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_contact_requests" ADD CONSTRAINT "prescriber_contact_requests_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_contact_requests" ADD CONSTRAINT "prescriber_contact_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_contact_requests" ADD CONSTRAINT "prescriber_contact_requests_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_contact_requests" ADD CONSTRAINT "prescriber_contact_requests_prescriber_id_prescribers_id_fk" FOREIGN KEY ("prescriber_id") REFERENCES "public"."prescribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_contact_requests" ADD CONSTRAINT "prescriber_contact_requests_new_prescription_id_prescriptions_id_fk" FOREIGN KEY ("new_prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_origins" ADD CONSTRAINT "prescription_origins_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_origins" ADD CONSTRAINT "prescription_origins_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_origins" ADD CONSTRAINT "prescription_origins_transfer_id_prescription_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."prescription_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_origins" ADD CONSTRAINT "prescription_origins_contact_request_id_prescriber_contact_requests_id_fk" FOREIGN KEY ("contact_request_id") REFERENCES "public"."prescriber_contact_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_from_pharmacy_id_pharmacies_id_fk" FOREIGN KEY ("from_pharmacy_id") REFERENCES "public"."pharmacies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_source_prescription_id_prescriptions_id_fk" FOREIGN KEY ("source_prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_to_pharmacy_id_pharmacies_id_fk" FOREIGN KEY ("to_pharmacy_id") REFERENCES "public"."pharmacies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescription_transfers" ADD CONSTRAINT "prescription_transfers_new_prescription_id_prescriptions_id_fk" FOREIGN KEY ("new_prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secure_messages" ADD CONSTRAINT "secure_messages_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secure_messages" ADD CONSTRAINT "secure_messages_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_payment_method_id_payment_methods_id_fk" FOREIGN KEY ("payment_method_id") REFERENCES "public"."payment_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proxy_grants_live_uq" ON "proxy_grants" USING btree ("grantor_member_id","grantee_member_id") WHERE "proxy_grants"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "proxy_grants_grantee_idx" ON "proxy_grants" USING btree ("grantee_member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auto_refill_enrollments_live_uq" ON "auto_refill_enrollments" USING btree ("prescription_id") WHERE "auto_refill_enrollments"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "auto_refill_enrollments_due_idx" ON "auto_refill_enrollments" USING btree ("next_refill_date") WHERE "auto_refill_enrollments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "auto_refill_enrollments_member_idx" ON "auto_refill_enrollments" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "prescriber_contact_requests_member_idx" ON "prescriber_contact_requests" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "prescriber_contact_requests_prescriber_idx" ON "prescriber_contact_requests" USING btree ("prescriber_id","status");--> statement-breakpoint
CREATE INDEX "prescription_transfers_member_idx" ON "prescription_transfers" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "prescription_transfers_queue_idx" ON "prescription_transfers" USING btree ("to_pharmacy_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_uq" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "secure_messages_recipient_idx" ON "secure_messages" USING btree ("recipient_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "secure_messages_pickup_uq" ON "secure_messages" USING btree ("pickup_token_hash") WHERE "secure_messages"."pickup_token_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "secure_messages_dedupe_uq" ON "secure_messages" USING btree ("dedupe_key") WHERE "secure_messages"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "order_payments_order_idx" ON "order_payments" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_methods_vault_token_uq" ON "payment_methods" USING btree ("vault_token");--> statement-breakpoint
CREATE INDEX "payment_methods_member_idx" ON "payment_methods" USING btree ("member_id","status");