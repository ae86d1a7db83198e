-- Rate-limit counters are written on every limited request (claims over HTTP included). Unlogged, such a write
-- makes no WAL, so its commit does not wait for a WAL flush or for the synchronous standby; the price is that
-- the counters start again from zero after a crash or a failover, which for a one-minute window is harmless.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
