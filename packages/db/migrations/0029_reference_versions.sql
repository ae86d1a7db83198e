CREATE TABLE "reference_versions" (
	"part" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
-- The claims reference-data cache (apps/server/src/claims/reference-cache.ts) keys what it holds by these
-- versions. Any statement on a reference table bumps its part in the same transaction (so the new version
-- commits with the change) and NOTIFYs `reference:<part>` on the cache channel (0009_cache_invalidation).
INSERT INTO "reference_versions" ("part") VALUES ('plan'), ('formulary'), ('drug'), ('pharmacy');
--> statement-breakpoint
CREATE FUNCTION "reference_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "reference_versions" SET "version" = "version" + 1 WHERE "part" = TG_ARGV[0];
  PERFORM pg_notify('openpbm_cache', 'reference:' || TG_ARGV[0]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "plans_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "plans"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('plan');
--> statement-breakpoint
CREATE TRIGGER "plan_cost_shares_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "plan_cost_shares"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('plan');
--> statement-breakpoint
CREATE TRIGGER "pharmacy_networks_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pharmacy_networks"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('plan');
--> statement-breakpoint
CREATE TRIGGER "formularies_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "formularies"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('formulary');
--> statement-breakpoint
CREATE TRIGGER "formulary_entries_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "formulary_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('formulary');
--> statement-breakpoint
CREATE TRIGGER "drug_groups_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "drug_groups"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('drug');
--> statement-breakpoint
CREATE TRIGGER "drug_products_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "drug_products"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('drug');
--> statement-breakpoint
CREATE TRIGGER "drug_prices_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "drug_prices"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('drug');
--> statement-breakpoint
CREATE TRIGGER "drug_interactions_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "drug_interactions"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('drug');
--> statement-breakpoint
CREATE TRIGGER "pharmacies_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pharmacies"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('pharmacy');
--> statement-breakpoint
CREATE TRIGGER "network_pharmacies_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "network_pharmacies"
  FOR EACH STATEMENT EXECUTE FUNCTION "reference_version_bump"('pharmacy');
