import type { Knex } from 'knex';

/**
 * The columns of traffic_calls a batch row carries, in the order of its values: CALL_COLUMNS in
 * src/server/call-rows.ts as of this migration (a test holds the two equal; a new column needs a
 * new migration that recreates the trigger).
 */
export const INGEST_COLUMNS = [
  'source',
  'source_id',
  'tenant_id',
  'service',
  'direction',
  'calling_number',
  'dialed_number',
  'origin_npa',
  'origin_state',
  'origin_country',
  'origin_time_zone',
  'started_at',
  'answered_at',
  'ended_at',
  'duration_seconds',
  'billable_seconds',
  'disposition',
  'release_cause',
  'destination',
  'routing_plan_id',
  'routing_plan_version',
  'call_center',
  'trunk',
  'received_at',
] as const;

/** The highest call id stored: the ids of one statement's calls are above the value before it and at most the one after. */
const LAST_CALL_ID = 'coalesce((select max(id) from traffic_calls), 0)';

/**
 * On SQLite an ingest batch becomes ONE statement: an insert into the view traffic_ingest, whose
 * trigger stores the calls (their own triggers add the rollups, migrations 007 and 008) and the
 * batch's outbox row, atomically, since a statement is its own transaction. The ingest used to
 * hold the one connection for a transaction of four statements, each waiting for the event loop,
 * busy parsing the next batch, to send the next one; the connection sat idle between them.
 *
 * The outbox row names its calls by a range of ids instead of a list: SQLite has one writer at a
 * time and gives ids in increasing order, so the calls one statement stored are exactly those with
 * ids in (after_id, through_id]. A batch whose calls were all stored before leaves no row. The
 * token is the sender's name for its batch, to find the row again once the statement is done.
 * PostgreSQL keeps its transaction and its list of ids (concurrent batches interleave ids there).
 */
export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'sqlite3') return;
  await knex.schema.alterTable('traffic_outbox', (t) => {
    t.string('token', 64).nullable().unique('traffic_outbox_token');
    t.bigInteger('after_id').nullable();
    t.bigInteger('through_id').nullable();
  });
  // A view's rows are never stored: the trigger takes its place. Names and expressions are this
  // file's own text; every value comes from the one bound row of the insert.
  await knex.raw("create view traffic_ingest (token, rows, created_at) as select '', '', '' where 0");
  const values = INGEST_COLUMNS.map((_, at) => `value->>${at}`).join(', ');
  await knex.raw(
    [
      'create trigger traffic_ingest_batch instead of insert on traffic_ingest begin',
      `insert into traffic_outbox (token, call_ids, created_at, after_id) values (new.token, '', new.created_at, ${LAST_CALL_ID});`,
      // "where true": after a bare FROM, SQLite would read the ON of ON CONFLICT as a join's.
      `insert into traffic_calls (${INGEST_COLUMNS.join(', ')}) select ${values} from jsonb_each(new.rows) where true on conflict (source, source_id) do nothing;`,
      `update traffic_outbox set through_id = ${LAST_CALL_ID} where token = new.token;`,
      'delete from traffic_outbox where token = new.token and through_id = after_id;',
      'end',
    ].join('\n'),
  );
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'sqlite3') return;
  await knex.raw('drop trigger if exists traffic_ingest_batch');
  await knex.raw('drop view if exists traffic_ingest');
  await knex.schema.alterTable('traffic_outbox', (t) => {
    t.dropUnique(['token'], 'traffic_outbox_token');
    t.dropColumns('token', 'after_id', 'through_id');
  });
}
