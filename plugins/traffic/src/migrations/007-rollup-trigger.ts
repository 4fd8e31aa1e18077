import type { Knex } from 'knex';

/** Each count of one call, as the new row gives it (what countsOf in src/rollup/rollup.ts adds). */
const COUNTS: readonly (readonly [column: string, value: string])[] = [
  ['attempts', '1'],
  ['answered', "new.disposition = 'answered'"],
  ['busy', "new.disposition = 'busy'"],
  ['no_answer', "new.disposition = 'no-answer'"],
  ['failed', "new.disposition = 'failed'"],
  ['blocked', "new.disposition = 'blocked'"],
  // Q.850 21, call rejected: the called side refused (see Q850.CALL_REJECTED). "is", not "=": a
  // failed call without a cause counts 0, not NULL.
  ['terminal_rejects', "new.disposition = 'failed' and new.release_cause is 21"],
  ['duration_seconds', 'new.duration_seconds'],
  ['billable_seconds', 'new.billable_seconds'],
];

/**
 * The wide rollups' keys: '' for none, never NULL (see RollupKey), the origin as Rollup.add takes
 * it. Buckets cut from the canonical UTC start time, as bucketStart and dayOf do.
 */
const wideKeys = (bucket: string) => [
  ['tenant_id', 'new.tenant_id'],
  ['bucket_start', bucket],
  ['dialed_number', 'new.dialed_number'],
  ['destination', "coalesce(new.destination, '')"],
  ['call_center', "coalesce(new.call_center, '')"],
  ['disposition', 'new.disposition'],
  ['origin_state', "coalesce(new.origin_state, new.origin_country, '')"],
];

const TARGETS: readonly (readonly [table: string, keys: string[][]])[] = [
  ['traffic_rollups_minute', wideKeys("substr(new.started_at, 1, 16) || ':00.000Z'")],
  ['traffic_rollups_hour', wideKeys("substr(new.started_at, 1, 13) || ':00:00.000Z'")],
  ['traffic_rollups_number_day', [['tenant_id', 'new.tenant_id'], ['bucket_start', "substr(new.started_at, 1, 10) || 'T00:00:00.000Z'"], ['dialed_number', 'new.dialed_number']]],
];

/**
 * On SQLite every call stored is added to its minute, hour and per-number day rows by a trigger,
 * inside the insert that stores it: in the same transaction, so rollups and calls never disagree,
 * and a call skipped as a duplicate (on conflict do nothing) is not counted. The ingest then goes
 * to the database once per batch instead of once per rollup table; each of those round trips
 * waited for the event loop, busy parsing the next batch, while the one connection sat idle (the
 * portal's main thread was idle half the time under load, measured with --cpu-prof).
 * PostgreSQL keeps the per-batch statements of RollupFromCalls: concurrent writers there need the
 * rows summed and locked in key order, which a row trigger cannot do.
 */
export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'sqlite3') return;
  // Every name and expression here is this file's own text; nothing comes from input.
  const trigger = ['create trigger traffic_calls_rollups after insert on traffic_calls for each row begin', ...TARGETS.map(([table, keys]) => callUpsert(table, keys)), 'end'].join('\n');
  await knex.raw(trigger);
}

/**
 * A trigger's statement adding the new call's counts to its row of `table`, the row keyed by
 * `keys` (column and its expression over `new`). Also used by later migrations' triggers.
 */
export function callUpsert(table: string, keys: readonly (readonly string[])[]): string {
  const columns = [...keys.map(([column]) => column), ...COUNTS.map(([column]) => column)];
  const values = [...keys.map(([, value]) => value), ...COUNTS.map(([, value]) => value)];
  const adding = COUNTS.map(([column]) => `${column} = ${column} + excluded.${column}`);
  return `insert into ${table} (${columns.join(', ')}) values (${values.join(', ')}) on conflict (${keys.map(([column]) => column).join(', ')}) do update set ${adding.join(', ')};`;
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'sqlite3') return;
  await knex.raw('drop trigger if exists traffic_calls_rollups');
}
