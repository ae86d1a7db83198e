-- In-process caches (signed-in sessions first) are dropped exactly by NOTIFY on the channel `openpbm_cache`,
-- sent by the database itself when a cached row changes, whatever code path or process changed it. NOTIFY is
-- delivered at commit: to the writing connection before its COMMIT returns, to every other listener just after.
-- Payloads: `session:<token hash>`, `user:<user id>`, `*` (drop everything).
-- A session row whose only change is last_seen_at (the idle-deadline touch) changes nothing a cache holds.
CREATE FUNCTION "cache_notify_session_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'last_seen_at') = (to_jsonb(OLD) - 'last_seen_at') THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('openpbm_cache', 'session:' || OLD.token_hash);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_cache_notify" AFTER UPDATE OR DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "cache_notify_session_change"();
--> statement-breakpoint
CREATE FUNCTION "cache_notify_user_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('openpbm_cache', 'user:' || OLD.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "users_cache_notify" AFTER UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "cache_notify_user_change"();
--> statement-breakpoint
CREATE FUNCTION "cache_notify_all"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('openpbm_cache', '*');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_cache_notify_truncate" AFTER TRUNCATE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "cache_notify_all"();
--> statement-breakpoint
CREATE TRIGGER "users_cache_notify_truncate" AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "cache_notify_all"();
