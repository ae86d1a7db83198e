CREATE TABLE "content_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"visibility" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"event_starts_at" timestamp with time zone,
	"recording_url" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', body), 'C')) STORED,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_items_type_ck" CHECK ("content_items"."type" in ('news', 'webinar', 'publication', 'trend_strategy', 'marketing_tool')),
	CONSTRAINT "content_items_visibility_ck" CHECK ("content_items"."visibility" in ('public', 'registered')),
	CONSTRAINT "content_items_status_ck" CHECK ("content_items"."status" in ('draft', 'published')),
	CONSTRAINT "content_items_slug_ck" CHECK ("content_items"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "content_items_recording_ck" CHECK ("content_items"."recording_url" is null or "content_items"."recording_url" ~ '^https://')
);
--> statement-breakpoint
ALTER TABLE "eligibility_imports" ALTER COLUMN "applied_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "eligibility_imports" ADD COLUMN "applied_by_operator" text;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_items_slug_uq" ON "content_items" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "content_items_live_idx" ON "content_items" USING btree ("status","publish_at");--> statement-breakpoint
CREATE INDEX "content_items_search_idx" ON "content_items" USING gin ("search_vector");--> statement-breakpoint
ALTER TABLE "eligibility_imports" ADD CONSTRAINT "eligibility_imports_applier_ck" CHECK (("eligibility_imports"."applied_by" is null) <> ("eligibility_imports"."applied_by_operator" is null));