// SQL of webinar registrations: one row per user and webinar.
import type { SqlExecutor } from '@openpbm/db';
import { newId } from '@openpbm/db';

/** Registers the user; a second registration changes nothing. */
export async function register(sql: SqlExecutor, itemId: string, userId: string, now: Date): Promise<void> {
  await sql.query(
    `insert into webinar_registrations (id, content_item_id, user_id, created_at) values ($1, $2, $3, $4)
     on conflict (content_item_id, user_id) do nothing`,
    [newId(), itemId, userId, now],
  );
}

export async function isRegistered(sql: SqlExecutor, itemId: string, userId: string): Promise<boolean> {
  const { rows } = await sql.query<{ n: unknown }>(
    'select count(*) as n from webinar_registrations where content_item_id = $1 and user_id = $2',
    [itemId, userId],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}
