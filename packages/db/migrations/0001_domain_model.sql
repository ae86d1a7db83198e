CREATE TABLE "accumulators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_year_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"member_id" uuid NOT NULL,
	"deductible_cents" integer DEFAULT 0 NOT NULL,
	"oop_cents" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accumulators_scope_ck" CHECK ("accumulators"."scope" in ('individual', 'family')),
	CONSTRAINT "accumulators_non_negative_ck" CHECK ("accumulators"."deductible_cents" >= 0 and "accumulators"."oop_cents" >= 0),
	CONSTRAINT "accumulators_version_ck" CHECK ("accumulators"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"transaction_code" text NOT NULL,
	"bin" text NOT NULL,
	"pcn" text NOT NULL,
	"rx_group" text NOT NULL,
	"service_provider_id" text NOT NULL,
	"pharmacy_id" uuid,
	"member_id" uuid,
	"client_id" uuid,
	"plan_id" uuid,
	"plan_year_id" uuid,
	"prescription_id" uuid,
	"prescriber_id" uuid,
	"rx_number" text,
	"fill_number" smallint,
	"ndc" text,
	"drug_group_id" uuid,
	"quantity_milli" integer,
	"days_supply" integer,
	"date_of_service" date NOT NULL,
	"status" text NOT NULL,
	"reject_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"tier" smallint,
	"channel" text,
	"ingredient_cost_cents" integer DEFAULT 0 NOT NULL,
	"dispensing_fee_cents" integer DEFAULT 0 NOT NULL,
	"patient_pay_cents" integer DEFAULT 0 NOT NULL,
	"plan_pay_cents" integer DEFAULT 0 NOT NULL,
	"applied_to_deductible_cents" integer DEFAULT 0 NOT NULL,
	"applied_to_oop_cents" integer DEFAULT 0 NOT NULL,
	"authorization_number" text,
	"raw_request_enc" text,
	"raw_response_enc" text,
	"dur_response" jsonb,
	"reversal_of_claim_id" uuid,
	"reversed_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_transaction_ck" CHECK ("claims"."transaction_code" in ('E1', 'B1', 'B2')),
	CONSTRAINT "claims_status_ck" CHECK ("claims"."status" in ('paid', 'rejected', 'reversed', 'captured')),
	CONSTRAINT "claims_channel_ck" CHECK ("claims"."channel" is null or "claims"."channel" in ('retail_30', 'retail_90', 'home_delivery_90', 'specialty')),
	CONSTRAINT "claims_tier_ck" CHECK ("claims"."tier" is null or "claims"."tier" between 1 and 4),
	CONSTRAINT "claims_ndc_ck" CHECK ("claims"."ndc" is null or "claims"."ndc" ~ '^[0-9]{11}$'),
	CONSTRAINT "claims_money_ck" CHECK ("claims"."ingredient_cost_cents" >= 0 and "claims"."dispensing_fee_cents" >= 0 and "claims"."patient_pay_cents" >= 0
        and "claims"."plan_pay_cents" >= 0 and "claims"."applied_to_deductible_cents" >= 0 and "claims"."applied_to_oop_cents" >= 0),
	CONSTRAINT "claims_reversal_ck" CHECK (("claims"."transaction_code" = 'B2') = ("claims"."reversal_of_claim_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "advisors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"firm" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_advisors" (
	"client_id" uuid NOT NULL,
	"advisor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_advisors_pk" PRIMARY KEY("client_id","advisor_id")
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_status_ck" CHECK ("clients"."status" in ('active', 'terminated'))
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"group_number" text NOT NULL,
	"name" text NOT NULL,
	"default_plan_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_status_ck" CHECK ("groups"."status" in ('active', 'terminated'))
);
--> statement-breakpoint
CREATE TABLE "drug_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"ingredients" text[] NOT NULL,
	"strength" text NOT NULL,
	"dosage_form" text NOT NULL,
	"route" text NOT NULL,
	"therapeutic_class_id" uuid NOT NULL,
	"maintenance" boolean DEFAULT false NOT NULL,
	"specialty" boolean DEFAULT false NOT NULL,
	"dea_schedule" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drug_interactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ingredient_a" text NOT NULL,
	"ingredient_b" text NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drug_interactions_order_ck" CHECK ("drug_interactions"."ingredient_a" < "drug_interactions"."ingredient_b" collate "C"),
	CONSTRAINT "drug_interactions_severity_ck" CHECK ("drug_interactions"."severity" in ('major', 'moderate', 'minor'))
);
--> statement-breakpoint
CREATE TABLE "drug_prices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ndc" text NOT NULL,
	"price_type" text NOT NULL,
	"unit_price_micros" bigint NOT NULL,
	"effective_date" date NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drug_prices_type_ck" CHECK ("drug_prices"."price_type" in ('nadac', 'awp', 'wac', 'mac')),
	CONSTRAINT "drug_prices_price_ck" CHECK ("drug_prices"."unit_price_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "drug_products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ndc" text NOT NULL,
	"name" text NOT NULL,
	"brand_name" text,
	"source" text NOT NULL,
	"labeler" text NOT NULL,
	"drug_group_id" uuid NOT NULL,
	"package_size_milli" integer NOT NULL,
	"unit" text NOT NULL,
	"obsolete_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drug_products_ndc_uq" UNIQUE("ndc"),
	CONSTRAINT "drug_products_ndc_ck" CHECK ("drug_products"."ndc" ~ '^[0-9]{11}$'),
	CONSTRAINT "drug_products_source_ck" CHECK ("drug_products"."source" in ('brand', 'generic')),
	CONSTRAINT "drug_products_unit_ck" CHECK ("drug_products"."unit" in ('EA', 'ML', 'GM')),
	CONSTRAINT "drug_products_package_ck" CHECK ("drug_products"."package_size_milli" > 0)
);
--> statement-breakpoint
CREATE TABLE "therapeutic_classes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "formularies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"effective_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "formularies_status_ck" CHECK ("formularies"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "formulary_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"formulary_id" uuid NOT NULL,
	"drug_group_id" uuid,
	"ndc" text,
	"tier" smallint NOT NULL,
	"requires_prior_auth" boolean DEFAULT false NOT NULL,
	"requires_step_therapy" boolean DEFAULT false NOT NULL,
	"step_therapy_group_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"step_therapy_lookback_days" integer,
	"has_quantity_limit" boolean DEFAULT false NOT NULL,
	"quantity_limit_milli" integer,
	"quantity_limit_days" integer,
	"excluded" boolean DEFAULT false NOT NULL,
	"preferred_alternative_group_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "formulary_entries_target_ck" CHECK (("formulary_entries"."drug_group_id" is null) <> ("formulary_entries"."ndc" is null)),
	CONSTRAINT "formulary_entries_tier_ck" CHECK ("formulary_entries"."tier" between 1 and 4),
	CONSTRAINT "formulary_entries_ql_ck" CHECK (not "formulary_entries"."has_quantity_limit" or ("formulary_entries"."quantity_limit_milli" > 0 and "formulary_entries"."quantity_limit_days" > 0)),
	CONSTRAINT "formulary_entries_st_ck" CHECK (not "formulary_entries"."requires_step_therapy" or (cardinality("formulary_entries"."step_therapy_group_ids") > 0 and "formulary_entries"."step_therapy_lookback_days" > 0))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("scope","key"),
	CONSTRAINT "idempotency_keys_key_ck" CHECK (length("idempotency_keys"."key") between 1 and 255)
);
--> statement-breakpoint
CREATE TABLE "eligibility_spans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" text DEFAULT 'active' NOT NULL,
	"coverage_level" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eligibility_spans_dates_ck" CHECK ("eligibility_spans"."end_date" is null or "eligibility_spans"."end_date" >= "eligibility_spans"."start_date"),
	CONSTRAINT "eligibility_spans_status_ck" CHECK ("eligibility_spans"."status" in ('active', 'expired', 'terminated')),
	CONSTRAINT "eligibility_spans_coverage_ck" CHECK ("eligibility_spans"."coverage_level" in ('individual', 'family'))
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subscriber_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"relationship_code" text NOT NULL,
	"person_code" text NOT NULL,
	"member_number_enc" text NOT NULL,
	"member_number_bidx" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"date_of_birth_enc" text NOT NULL,
	"gender" text NOT NULL,
	"address_line1_enc" text NOT NULL,
	"address_line2_enc" text,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"zip" text NOT NULL,
	"activation_bidx" text NOT NULL,
	"time_zone" text NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_relationship_ck" CHECK ("members"."relationship_code" in ('1', '2', '3', '4')),
	CONSTRAINT "members_gender_ck" CHECK ("members"."gender" in ('F', 'M', 'U')),
	CONSTRAINT "members_person_code_ck" CHECK ("members"."person_code" ~ '^[0-9]{3}$'),
	CONSTRAINT "members_zip_ck" CHECK ("members"."zip" ~ '^[0-9]{5}$'),
	CONSTRAINT "members_subscriber_ck" CHECK (("members"."relationship_code" = '1') = ("members"."subscriber_id" = "members"."id"))
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"prescription_id" uuid NOT NULL,
	"quantity_milli" integer NOT NULL,
	"days_supply" integer NOT NULL,
	"member_cost_cents" integer DEFAULT 0 NOT NULL,
	"claim_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_items_quantity_ck" CHECK ("order_items"."quantity_milli" > 0 and "order_items"."days_supply" > 0),
	CONSTRAINT "order_items_cost_ck" CHECK ("order_items"."member_cost_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "order_status_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	CONSTRAINT "order_status_events_status_ck" CHECK ("order_status_events"."status" in ('received', 'verified', 'filled', 'shipped', 'delivered', 'exception', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"member_id" uuid NOT NULL,
	"pharmacy_id" uuid NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"shipping_address_enc" text NOT NULL,
	"shipping_zip" text NOT NULL,
	"total_member_cost_cents" integer DEFAULT 0 NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"idempotency_key" text,
	"exception_reason" text,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_status_ck" CHECK ("orders"."status" in ('received', 'verified', 'filled', 'shipped', 'delivered', 'exception', 'cancelled')),
	CONSTRAINT "orders_cost_ck" CHECK ("orders"."total_member_cost_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "network_pharmacies" (
	"network_id" uuid NOT NULL,
	"pharmacy_id" uuid NOT NULL,
	"discount_bps" integer NOT NULL,
	"generic_discount_bps" integer NOT NULL,
	"dispensing_fee_cents" integer NOT NULL,
	"effective_date" date NOT NULL,
	"termination_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_pharmacies_pk" PRIMARY KEY("network_id","pharmacy_id"),
	CONSTRAINT "network_pharmacies_terms_ck" CHECK ("network_pharmacies"."discount_bps" between 0 and 10000 and "network_pharmacies"."generic_discount_bps" between 0 and 10000 and "network_pharmacies"."dispensing_fee_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pharmacies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"npi" text NOT NULL,
	"ncpdp_id" text NOT NULL,
	"name" text NOT NULL,
	"chain_code" text,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"zip" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"phone" text NOT NULL,
	"time_zone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"open_24_hours" boolean DEFAULT false NOT NULL,
	"home_delivery" boolean DEFAULT false NOT NULL,
	"specialty" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pharmacies_npi_ck" CHECK ("pharmacies"."npi" ~ '^[0-9]{10}$'),
	CONSTRAINT "pharmacies_ncpdp_ck" CHECK ("pharmacies"."ncpdp_id" ~ '^[0-9]{7}$'),
	CONSTRAINT "pharmacies_zip_ck" CHECK ("pharmacies"."zip" ~ '^[0-9]{5}$'),
	CONSTRAINT "pharmacies_status_ck" CHECK ("pharmacies"."status" in ('active', 'inactive'))
);
--> statement-breakpoint
CREATE TABLE "pharmacy_networks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"benchmark" text NOT NULL,
	"terms" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pharmacy_networks_benchmark_ck" CHECK ("pharmacy_networks"."benchmark" in ('nadac', 'awp', 'wac'))
);
--> statement-breakpoint
CREATE TABLE "plan_cost_shares" (
	"plan_id" uuid NOT NULL,
	"tier" smallint NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"copay_cents" integer,
	"coinsurance_bps" integer,
	"min_copay_cents" integer,
	"max_copay_cents" integer,
	"deductible_applies" boolean NOT NULL,
	CONSTRAINT "plan_cost_shares_pk" PRIMARY KEY("plan_id","tier","channel"),
	CONSTRAINT "plan_cost_shares_tier_ck" CHECK ("plan_cost_shares"."tier" between 1 and 4),
	CONSTRAINT "plan_cost_shares_channel_ck" CHECK ("plan_cost_shares"."channel" in ('retail_30', 'retail_90', 'home_delivery_90', 'specialty')),
	CONSTRAINT "plan_cost_shares_kind_ck" CHECK (("plan_cost_shares"."kind" = 'copay' and "plan_cost_shares"."copay_cents" is not null and "plan_cost_shares"."copay_cents" >= 0 and "plan_cost_shares"."coinsurance_bps" is null)
        or ("plan_cost_shares"."kind" = 'coinsurance' and "plan_cost_shares"."coinsurance_bps" between 0 and 10000 and "plan_cost_shares"."copay_cents" is null)),
	CONSTRAINT "plan_cost_shares_clamp_ck" CHECK (coalesce("plan_cost_shares"."min_copay_cents", 0) >= 0 and coalesce("plan_cost_shares"."max_copay_cents", 0) >= 0
        and ("plan_cost_shares"."min_copay_cents" is null or "plan_cost_shares"."max_copay_cents" is null or "plan_cost_shares"."min_copay_cents" <= "plan_cost_shares"."max_copay_cents"))
);
--> statement-breakpoint
CREATE TABLE "plan_years" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_years_dates_ck" CHECK ("plan_years"."end_date" >= "plan_years"."start_date"),
	CONSTRAINT "plan_years_year_ck" CHECK ("plan_years"."year" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"plan_year_start_month" smallint DEFAULT 1 NOT NULL,
	"plan_year_start_day" smallint DEFAULT 1 NOT NULL,
	"deductible_individual_cents" integer NOT NULL,
	"deductible_family_cents" integer NOT NULL,
	"oop_max_individual_cents" integer NOT NULL,
	"oop_max_family_cents" integer NOT NULL,
	"max_days_supply" jsonb NOT NULL,
	"refill_threshold_bps" integer DEFAULT 7500 NOT NULL,
	"formulary_id" uuid NOT NULL,
	"pharmacy_network_id" uuid NOT NULL,
	"bin" text NOT NULL,
	"pcn" text NOT NULL,
	"rx_group" text NOT NULL,
	"customer_service_phone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_status_ck" CHECK ("plans"."status" in ('active', 'retired')),
	CONSTRAINT "plans_year_start_ck" CHECK ("plans"."plan_year_start_month" between 1 and 12 and "plans"."plan_year_start_day" between 1 and 31),
	CONSTRAINT "plans_limits_ck" CHECK ("plans"."deductible_individual_cents" >= 0 and "plans"."deductible_family_cents" >= "plans"."deductible_individual_cents"
        and "plans"."oop_max_individual_cents" >= "plans"."deductible_individual_cents" and "plans"."oop_max_family_cents" >= "plans"."oop_max_individual_cents"),
	CONSTRAINT "plans_bin_ck" CHECK ("plans"."bin" ~ '^[0-9]{6}$'),
	CONSTRAINT "plans_refill_threshold_ck" CHECK ("plans"."refill_threshold_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "prescribers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"npi" text NOT NULL,
	"dea" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"credential" text NOT NULL,
	"specialty" text NOT NULL,
	"address_line1" text NOT NULL,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"zip" text NOT NULL,
	"phone" text NOT NULL,
	"fax" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prescribers_npi_ck" CHECK ("prescribers"."npi" ~ '^[0-9]{10}$'),
	CONSTRAINT "prescribers_dea_ck" CHECK ("prescribers"."dea" is null or "prescribers"."dea" ~ '^[A-Z]{2}[0-9]{7}$')
);
--> statement-breakpoint
CREATE TABLE "prescriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rx_number" text NOT NULL,
	"member_id" uuid NOT NULL,
	"prescriber_id" uuid NOT NULL,
	"pharmacy_id" uuid NOT NULL,
	"ndc" text NOT NULL,
	"drug_group_id" uuid NOT NULL,
	"quantity_milli" integer NOT NULL,
	"days_supply" integer NOT NULL,
	"directions" text NOT NULL,
	"refills_authorized" integer NOT NULL,
	"refills_remaining" integer NOT NULL,
	"written_date" date NOT NULL,
	"expiry_date" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_fill_date" date,
	"fill_count" integer DEFAULT 0 NOT NULL,
	"auto_refill_enabled" boolean DEFAULT false NOT NULL,
	"auto_refill_enrolled_at" timestamp with time zone,
	"auto_refill_next_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prescriptions_status_ck" CHECK ("prescriptions"."status" in ('active', 'on_hold', 'expired', 'cancelled', 'transferred', 'completed')),
	CONSTRAINT "prescriptions_ndc_ck" CHECK ("prescriptions"."ndc" ~ '^[0-9]{11}$'),
	CONSTRAINT "prescriptions_quantity_ck" CHECK ("prescriptions"."quantity_milli" > 0 and "prescriptions"."days_supply" > 0),
	CONSTRAINT "prescriptions_refills_ck" CHECK ("prescriptions"."refills_remaining" >= 0 and "prescriptions"."refills_remaining" <= "prescriptions"."refills_authorized" and "prescriptions"."fill_count" >= 0),
	CONSTRAINT "prescriptions_dates_ck" CHECK ("prescriptions"."expiry_date" >= "prescriptions"."written_date")
);
--> statement-breakpoint
CREATE TABLE "prior_authorizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"type" text NOT NULL,
	"member_id" uuid NOT NULL,
	"prescriber_id" uuid NOT NULL,
	"drug_group_id" uuid NOT NULL,
	"ndc" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"expedited" boolean DEFAULT false NOT NULL,
	"expedited_reason" text,
	"requested_tier" integer,
	"request" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"effective_from" date,
	"effective_to" date,
	"approved_quantity_milli" integer,
	"approved_days_supply" integer,
	"decision_reason" text,
	"criteria_not_met" text[] DEFAULT '{}'::text[] NOT NULL,
	"parent_id" uuid,
	"reviewer_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_authorizations_type_ck" CHECK ("prior_authorizations"."type" in ('prior_auth', 'formulary_exception', 'appeal')),
	CONSTRAINT "prior_authorizations_status_ck" CHECK ("prior_authorizations"."status" in ('pending', 'in_review', 'pending_info', 'approved', 'denied', 'withdrawn', 'revoked')),
	CONSTRAINT "prior_authorizations_appeal_ck" CHECK (("prior_authorizations"."type" = 'appeal') = ("prior_authorizations"."parent_id" is not null)),
	CONSTRAINT "prior_authorizations_window_ck" CHECK ("prior_authorizations"."effective_from" is null or "prior_authorizations"."effective_to" is null or "prior_authorizations"."effective_to" >= "prior_authorizations"."effective_from"),
	CONSTRAINT "prior_authorizations_tier_ck" CHECK ("prior_authorizations"."requested_tier" is null or "prior_authorizations"."requested_tier" between 1 and 4),
	CONSTRAINT "prior_authorizations_due_ck" CHECK ("prior_authorizations"."due_at" >= "prior_authorizations"."submitted_at")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"username_normalized" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"status" text DEFAULT 'active' NOT NULL,
	"role" text NOT NULL,
	"member_id" uuid,
	"client_id" uuid,
	"advisor_id" uuid,
	"prescriber_id" uuid,
	"pharmacy_id" uuid,
	"display_name" text NOT NULL,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_ck" CHECK ("users"."role" in ('member', 'client_user', 'advisor', 'prescriber', 'pharmacy_staff', 'clinical_reviewer', 'customer_service', 'account_team', 'privacy_officer', 'admin')),
	CONSTRAINT "users_status_ck" CHECK ("users"."status" in ('pending', 'active', 'locked', 'disabled')),
	CONSTRAINT "users_member_link_ck" CHECK (("users"."role" = 'member') = ("users"."member_id" is not null)),
	CONSTRAINT "users_client_link_ck" CHECK ("users"."role" <> 'client_user' or "users"."client_id" is not null),
	CONSTRAINT "users_advisor_link_ck" CHECK ("users"."role" <> 'advisor' or "users"."advisor_id" is not null),
	CONSTRAINT "users_prescriber_link_ck" CHECK ("users"."role" <> 'prescriber' or "users"."prescriber_id" is not null),
	CONSTRAINT "users_pharmacy_link_ck" CHECK ("users"."role" <> 'pharmacy_staff' or "users"."pharmacy_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "accumulators" ADD CONSTRAINT "accumulators_plan_year_id_plan_years_id_fk" FOREIGN KEY ("plan_year_id") REFERENCES "public"."plan_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accumulators" ADD CONSTRAINT "accumulators_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_pharmacy_id_pharmacies_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_plan_year_id_plan_years_id_fk" FOREIGN KEY ("plan_year_id") REFERENCES "public"."plan_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_prescriber_id_prescribers_id_fk" FOREIGN KEY ("prescriber_id") REFERENCES "public"."prescribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_drug_group_id_drug_groups_id_fk" FOREIGN KEY ("drug_group_id") REFERENCES "public"."drug_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_reversal_of_claim_id_claims_id_fk" FOREIGN KEY ("reversal_of_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_advisors" ADD CONSTRAINT "client_advisors_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_advisors" ADD CONSTRAINT "client_advisors_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_default_plan_id_plans_id_fk" FOREIGN KEY ("default_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_groups" ADD CONSTRAINT "drug_groups_therapeutic_class_id_therapeutic_classes_id_fk" FOREIGN KEY ("therapeutic_class_id") REFERENCES "public"."therapeutic_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_prices" ADD CONSTRAINT "drug_prices_ndc_drug_products_ndc_fk" FOREIGN KEY ("ndc") REFERENCES "public"."drug_products"("ndc") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drug_products" ADD CONSTRAINT "drug_products_drug_group_id_drug_groups_id_fk" FOREIGN KEY ("drug_group_id") REFERENCES "public"."drug_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formulary_entries" ADD CONSTRAINT "formulary_entries_formulary_id_formularies_id_fk" FOREIGN KEY ("formulary_id") REFERENCES "public"."formularies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formulary_entries" ADD CONSTRAINT "formulary_entries_drug_group_id_drug_groups_id_fk" FOREIGN KEY ("drug_group_id") REFERENCES "public"."drug_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_spans" ADD CONSTRAINT "eligibility_spans_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_spans" ADD CONSTRAINT "eligibility_spans_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_spans" ADD CONSTRAINT "eligibility_spans_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_subscriber_id_members_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_prescription_id_prescriptions_id_fk" FOREIGN KEY ("prescription_id") REFERENCES "public"."prescriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_status_events" ADD CONSTRAINT "order_status_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_status_events" ADD CONSTRAINT "order_status_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_pharmacy_id_pharmacies_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_pharmacies" ADD CONSTRAINT "network_pharmacies_network_id_pharmacy_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."pharmacy_networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_pharmacies" ADD CONSTRAINT "network_pharmacies_pharmacy_id_pharmacies_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_cost_shares" ADD CONSTRAINT "plan_cost_shares_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_years" ADD CONSTRAINT "plan_years_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_formulary_id_formularies_id_fk" FOREIGN KEY ("formulary_id") REFERENCES "public"."formularies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_pharmacy_network_id_pharmacy_networks_id_fk" FOREIGN KEY ("pharmacy_network_id") REFERENCES "public"."pharmacy_networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_prescriber_id_prescribers_id_fk" FOREIGN KEY ("prescriber_id") REFERENCES "public"."prescribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_pharmacy_id_pharmacies_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_drug_group_id_drug_groups_id_fk" FOREIGN KEY ("drug_group_id") REFERENCES "public"."drug_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_prescriber_id_prescribers_id_fk" FOREIGN KEY ("prescriber_id") REFERENCES "public"."prescribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_drug_group_id_drug_groups_id_fk" FOREIGN KEY ("drug_group_id") REFERENCES "public"."drug_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_parent_id_prior_authorizations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."prior_authorizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_authorizations" ADD CONSTRAINT "prior_authorizations_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_prescriber_id_prescribers_id_fk" FOREIGN KEY ("prescriber_id") REFERENCES "public"."prescribers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_pharmacy_id_pharmacies_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accumulators_key_uq" ON "accumulators" USING btree ("plan_year_id","scope","member_id");--> statement-breakpoint
CREATE INDEX "accumulators_member_idx" ON "accumulators" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_paid_b1_dedupe_uq" ON "claims" USING btree ("service_provider_id","rx_number","fill_number","date_of_service","transaction_code") WHERE "claims"."transaction_code" = 'B1' and "claims"."status" = 'paid';--> statement-breakpoint
CREATE UNIQUE INDEX "claims_reversal_uq" ON "claims" USING btree ("reversal_of_claim_id") WHERE "claims"."transaction_code" = 'B2' and "claims"."status" = 'reversed';--> statement-breakpoint
CREATE INDEX "claims_member_dos_idx" ON "claims" USING btree ("member_id","date_of_service");--> statement-breakpoint
CREATE INDEX "claims_plan_year_member_idx" ON "claims" USING btree ("plan_year_id","member_id");--> statement-breakpoint
CREATE INDEX "claims_pharmacy_dos_idx" ON "claims" USING btree ("pharmacy_id","date_of_service");--> statement-breakpoint
CREATE INDEX "claims_client_dos_idx" ON "claims" USING btree ("client_id","date_of_service");--> statement-breakpoint
CREATE INDEX "claims_prescription_idx" ON "claims" USING btree ("prescription_id");--> statement-breakpoint
CREATE INDEX "claims_rx_lookup_idx" ON "claims" USING btree ("service_provider_id","rx_number","fill_number");--> statement-breakpoint
CREATE INDEX "client_advisors_advisor_idx" ON "client_advisors" USING btree ("advisor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clients_code_uq" ON "clients" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "groups_group_number_uq" ON "groups" USING btree ("group_number");--> statement-breakpoint
CREATE INDEX "groups_client_idx" ON "groups" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "drug_groups_code_uq" ON "drug_groups" USING btree ("code");--> statement-breakpoint
CREATE INDEX "drug_groups_class_idx" ON "drug_groups" USING btree ("therapeutic_class_id");--> statement-breakpoint
CREATE INDEX "drug_groups_name_idx" ON "drug_groups" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "drug_interactions_pair_uq" ON "drug_interactions" USING btree ("ingredient_a","ingredient_b");--> statement-breakpoint
CREATE INDEX "drug_interactions_b_idx" ON "drug_interactions" USING btree ("ingredient_b");--> statement-breakpoint
CREATE UNIQUE INDEX "drug_prices_ndc_type_date_uq" ON "drug_prices" USING btree ("ndc","price_type","effective_date");--> statement-breakpoint
CREATE INDEX "drug_products_group_idx" ON "drug_products" USING btree ("drug_group_id");--> statement-breakpoint
CREATE INDEX "drug_products_name_idx" ON "drug_products" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "therapeutic_classes_code_uq" ON "therapeutic_classes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "formularies_code_uq" ON "formularies" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "formulary_entries_group_uq" ON "formulary_entries" USING btree ("formulary_id","drug_group_id") WHERE "formulary_entries"."drug_group_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "formulary_entries_ndc_uq" ON "formulary_entries" USING btree ("formulary_id","ndc") WHERE "formulary_entries"."ndc" is not null;--> statement-breakpoint
CREATE INDEX "formulary_entries_group_idx" ON "formulary_entries" USING btree ("drug_group_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "eligibility_spans_member_idx" ON "eligibility_spans" USING btree ("member_id","start_date");--> statement-breakpoint
CREATE INDEX "eligibility_spans_group_idx" ON "eligibility_spans" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "eligibility_spans_expiry_idx" ON "eligibility_spans" USING btree ("end_date") WHERE "eligibility_spans"."status" = 'active' and "eligibility_spans"."end_date" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "members_member_number_bidx_uq" ON "members" USING btree ("member_number_bidx");--> statement-breakpoint
CREATE INDEX "members_activation_bidx_idx" ON "members" USING btree ("activation_bidx");--> statement-breakpoint
CREATE INDEX "members_subscriber_idx" ON "members" USING btree ("subscriber_id");--> statement-breakpoint
CREATE INDEX "members_client_name_idx" ON "members" USING btree ("client_id","last_name","first_name");--> statement-breakpoint
CREATE UNIQUE INDEX "members_family_person_uq" ON "members" USING btree ("subscriber_id","person_code");--> statement-breakpoint
CREATE INDEX "order_items_order_idx" ON "order_items" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_items_prescription_idx" ON "order_items" USING btree ("prescription_id");--> statement-breakpoint
CREATE INDEX "order_status_events_order_idx" ON "order_status_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_order_number_uq" ON "orders" USING btree ("order_number");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_member_idempotency_uq" ON "orders" USING btree ("member_id","idempotency_key") WHERE "orders"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "orders_member_idx" ON "orders" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_queue_idx" ON "orders" USING btree ("pharmacy_id","status","created_at");--> statement-breakpoint
CREATE INDEX "network_pharmacies_pharmacy_idx" ON "network_pharmacies" USING btree ("pharmacy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pharmacies_npi_uq" ON "pharmacies" USING btree ("npi");--> statement-breakpoint
CREATE UNIQUE INDEX "pharmacies_ncpdp_uq" ON "pharmacies" USING btree ("ncpdp_id");--> statement-breakpoint
CREATE INDEX "pharmacies_zip_idx" ON "pharmacies" USING btree ("zip");--> statement-breakpoint
CREATE INDEX "pharmacies_geo_idx" ON "pharmacies" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE UNIQUE INDEX "pharmacy_networks_code_uq" ON "pharmacy_networks" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_years_plan_year_uq" ON "plan_years" USING btree ("plan_id","year");--> statement-breakpoint
CREATE INDEX "plan_years_plan_dates_idx" ON "plan_years" USING btree ("plan_id","start_date","end_date");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_code_uq" ON "plans" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_routing_uq" ON "plans" USING btree ("bin","pcn","rx_group");--> statement-breakpoint
CREATE UNIQUE INDEX "prescribers_npi_uq" ON "prescribers" USING btree ("npi");--> statement-breakpoint
CREATE UNIQUE INDEX "prescribers_dea_uq" ON "prescribers" USING btree ("dea") WHERE "prescribers"."dea" is not null;--> statement-breakpoint
CREATE INDEX "prescribers_name_idx" ON "prescribers" USING btree ("last_name","first_name");--> statement-breakpoint
CREATE UNIQUE INDEX "prescriptions_rx_number_uq" ON "prescriptions" USING btree ("rx_number");--> statement-breakpoint
CREATE INDEX "prescriptions_member_idx" ON "prescriptions" USING btree ("member_id","status");--> statement-breakpoint
CREATE INDEX "prescriptions_prescriber_idx" ON "prescriptions" USING btree ("prescriber_id");--> statement-breakpoint
CREATE INDEX "prescriptions_pharmacy_idx" ON "prescriptions" USING btree ("pharmacy_id");--> statement-breakpoint
CREATE INDEX "prescriptions_auto_refill_idx" ON "prescriptions" USING btree ("auto_refill_next_date") WHERE "prescriptions"."auto_refill_enabled" and "prescriptions"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "prior_authorizations_case_uq" ON "prior_authorizations" USING btree ("case_number");--> statement-breakpoint
CREATE INDEX "prior_authorizations_member_idx" ON "prior_authorizations" USING btree ("member_id","drug_group_id");--> statement-breakpoint
CREATE INDEX "prior_authorizations_prescriber_idx" ON "prior_authorizations" USING btree ("prescriber_id","submitted_at");--> statement-breakpoint
CREATE INDEX "prior_authorizations_queue_idx" ON "prior_authorizations" USING btree ("due_at") WHERE "prior_authorizations"."status" in ('pending', 'in_review', 'pending_info');--> statement-breakpoint
CREATE INDEX "prior_authorizations_parent_idx" ON "prior_authorizations" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username_normalized");--> statement-breakpoint
CREATE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_member_uq" ON "users" USING btree ("member_id") WHERE "users"."member_id" is not null;--> statement-breakpoint
CREATE INDEX "users_client_idx" ON "users" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "users_prescriber_idx" ON "users" USING btree ("prescriber_id");--> statement-breakpoint
CREATE INDEX "users_pharmacy_idx" ON "users" USING btree ("pharmacy_id");