// SQL for ID cards: the active coverage rows (member, group, sponsor, plan routing) of the members a family
// scope covers. Which card is in force today is decided in service.ts.
import type { DatabaseHandle } from '@openpbm/db';
import type { ScopeOf } from '../platform/data-scope';

export interface CardRow {
  member_id: string;
  first_name: string;
  last_name: string;
  member_number_enc: string;
  person_code: string;
  time_zone: string;
  group_number: string;
  group_name: string;
  client_name: string;
  plan_name: string;
  bin: string;
  pcn: string;
  rx_group: string;
  customer_service_phone: string;
  start_date: string;
  end_date: string | null;
}

export function idCardRepo(db: DatabaseHandle, scope: ScopeOf<'family'>) {
  return {
    async coverageRows(): Promise<CardRow[]> {
      if (scope.memberIds.length === 0) return [];
      const { rows } = await db.sql.query<CardRow>(
        `select m.id as member_id, m.first_name, m.last_name, m.member_number_enc, m.person_code, m.time_zone,
            g.group_number, g.name as group_name, c.name as client_name, pl.name as plan_name, pl.bin, pl.pcn, pl.rx_group,
            pl.customer_service_phone, s.start_date::text as start_date, s.end_date::text as end_date
       from members m
       join eligibility_spans s on s.member_id = m.id and s.status = 'active'
       join groups g on g.id = s.group_id
       join clients c on c.id = g.client_id
       join plans pl on pl.id = s.plan_id
      where m.id = any($1::uuid[])
      order by m.person_code, s.start_date desc`,
        [[...scope.memberIds]],
      );
      return rows;
    },
  };
}
