CREATE TABLE "assisted_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"action" text NOT NULL,
	"consent_statement" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"resource_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assisted_actions_action_ck" CHECK ("assisted_actions"."action" in ('refill_placed', 'address_changed', 'auto_refill_on', 'auto_refill_off', 'transfer_started', 'activation_email_sent'))
);
--> statement-breakpoint
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"portal_path" text NOT NULL,
	"portal_label" text NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_articles_category_ck" CHECK ("help_articles"."category" in ('refills', 'orders', 'auto_refill', 'transfers', 'new_prescriptions', 'prior_authorization', 'cost', 'exceptions', 'coverage', 'denials_appeals', 'urgent', 'pharmacies', 'mobile_app', 'contact')),
	CONSTRAINT "help_articles_portal_path_ck" CHECK ("help_articles"."portal_path" ~ '^/[A-Za-z0-9/_-]*$')
);
--> statement-breakpoint
CREATE TABLE "prescriber_thread_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prescriber_thread_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"thread_id" uuid NOT NULL,
	"side" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "prescriber_thread_messages_side_ck" CHECK ("prescriber_thread_messages"."side" in ('member', 'prescriber'))
);
--> statement-breakpoint
CREATE TABLE "prescriber_threads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"prescriber_id" uuid NOT NULL,
	"prescription_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restricted_members" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_client_assignments" (
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_client_assignments_pk" PRIMARY KEY("user_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "support_case_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_case_entries_kind_ck" CHECK ("support_case_entries"."kind" in ('member_message', 'staff_reply', 'note', 'event'))
);
--> statement-breakpoint
CREATE TABLE "support_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"member_id" uuid NOT NULL,
	"opened_by_user_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"subject" text NOT NULL,
	"assignee_user_id" uuid,
	"escalated_to" text,
	"prescription_id" uuid,
	"order_id" uuid,
	"callback_phone" text,
	"callback_from" timestamp with time zone,
	"callback_to" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "support_cases_category_ck" CHECK ("support_cases"."category" in ('refill', 'order', 'billing', 'coverage', 'prior_authorization', 'transfer', 'account', 'other')),
	CONSTRAINT "support_cases_status_ck" CHECK ("support_cases"."status" in ('open', 'waiting_on_member', 'escalated', 'closed')),
	CONSTRAINT "support_cases_channel_ck" CHECK ("support_cases"."channel" in ('message', 'callback', 'phone')),
	CONSTRAINT "support_cases_callback_ck" CHECK (("support_cases"."channel" = 'callback') = ("support_cases"."callback_from" is not null and "support_cases"."callback_to" is not null))
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_kind_ck";--> statement-breakpoint
ALTER TABLE "secure_messages" DROP CONSTRAINT "secure_messages_kind_ck";--> statement-breakpoint
ALTER TABLE "assisted_actions" ADD CONSTRAINT "assisted_actions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_actions" ADD CONSTRAINT "assisted_actions_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_articles" ADD CONSTRAINT "help_articles_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_thread_attachments" ADD CONSTRAINT "prescriber_thread_attachments_message_id_prescriber_thread_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."prescriber_thread_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_thread_messages" ADD CONSTRAINT "prescriber_thread_messages_thread_id_prescriber_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."prescriber_threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_thread_messages" ADD CONSTRAINT "prescriber_thread_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_threads" ADD CONSTRAINT "prescriber_threads_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_threads" ADD CONSTRAINT "prescriber_threads_prescriber_id_prescribers_id_fk" FOREIGN KEY ("prescriber_id") REFERENCES "public"."prescribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_threads" ADD CONSTRAINT "prescriber_threads_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_threads" ADD CONSTRAINT "prescriber_threads_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_members" ADD CONSTRAINT "restricted_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_client_assignments" ADD CONSTRAINT "staff_client_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_client_assignments" ADD CONSTRAINT "staff_client_assignments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_case_entries" ADD CONSTRAINT "support_case_entries_case_id_support_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."support_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_case_entries" ADD CONSTRAINT "support_case_entries_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assisted_actions_member_idx" ON "assisted_actions" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "break_glass_grants_user_member_idx" ON "break_glass_grants" USING btree ("user_id","member_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "help_articles_slug_uq" ON "help_articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "help_articles_search_idx" ON "help_articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "prescriber_thread_attachments_message_idx" ON "prescriber_thread_attachments" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "prescriber_thread_messages_thread_idx" ON "prescriber_thread_messages" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "prescriber_threads_prescriber_idx" ON "prescriber_threads" USING btree ("prescriber_id","last_message_at");--> statement-breakpoint
CREATE INDEX "prescriber_threads_member_idx" ON "prescriber_threads" USING btree ("member_id","last_message_at");--> statement-breakpoint
CREATE INDEX "support_case_entries_case_idx" ON "support_case_entries" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "support_cases_number_uq" ON "support_cases" USING btree ("case_number");--> statement-breakpoint
CREATE INDEX "support_cases_queue_idx" ON "support_cases" USING btree ("due_at") WHERE "support_cases"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "support_cases_member_idx" ON "support_cases" USING btree ("member_id","created_at");--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_kind_ck" CHECK ("notification_preferences"."kind" in ('refill_due', 'order_placed', 'order_shipped', 'order_delivered', 'order_exception', 'payment_problem', 'transfer_update', 'new_prescription', 'prior_auth_update', 'customer_service', 'prescriber_message'));--> statement-breakpoint
ALTER TABLE "secure_messages" ADD CONSTRAINT "secure_messages_kind_ck" CHECK ("secure_messages"."kind" in ('refill_due', 'order_placed', 'order_shipped', 'order_delivered', 'order_exception', 'payment_problem', 'transfer_update', 'new_prescription', 'prior_auth_update', 'customer_service', 'prescriber_message'));--> statement-breakpoint
-- Staff member search by last name inside the agent's clients, case-insensitively.
CREATE INDEX "members_client_last_name_lower_idx" ON "members" USING btree ("client_id", lower("last_name"));
