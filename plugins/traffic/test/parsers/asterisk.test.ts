import assert from 'node:assert/strict';
import type { CallRecord } from '../../src/cdr/call-record.js';
import { parseAsteriskMasterCsv } from '../../src/parsers/asterisk/master-csv.js';
import type { ParsedRecord } from '../../src/parsers/parsed-record.js';
import { collect, inChunks, readSample, streamSample } from '../support/index.js';

const options = { source: 'pbx-chi-1', timeZone: 'America/Chicago' };
const records = (items: ParsedRecord[]) => items.flatMap((item) => ('record' in item ? [item.record] : []));
const byLine = (items: ParsedRecord[], line: number) => items.find((item) => 'line' in item.position && item.position.line === line)!;
const recordAt = (items: ParsedRecord[], line: number): CallRecord => {
  const item = byLine(items, line);
  assert.ok('record' in item, JSON.stringify(item));
  return item.record;
};

describe('traffic: Asterisk Master.csv', () => {
  it('reads the sample file line by line: 11 calls, and the two bad lines by number with what is wrong', async () => {
    const items = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), options));
    assert.equal(items.length, 13);
    assert.equal(records(items).length, 11);
    assert.deepEqual(
      items.filter((item) => 'errors' in item),
      [
        { position: { line: 10 }, errors: [{ field: 'dst', message: 'is not a telephone number: use E.164 (+18005550100) or a North American form (800-555-0100)' }] },
        { position: { line: 12 }, errors: [{ field: '', message: 'is not a CSV line: field 9 opens a quote that never closes' }] },
      ],
    );
  });

  it('turns an answered call into the canonical record, local times to UTC', async () => {
    const items = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), options));
    const call = recordAt(items, 1);
    assert.match(call.sourceId, /^1709302502\.2591:[0-9a-f]{12}$/);
    assert.deepEqual({ ...call, sourceId: 'x' }, {
      source: 'pbx-chi-1',
      sourceId: 'x',
      tenantId: null,
      service: 'toll-free',
      direction: 'inbound',
      callingNumber: '+13125550187',
      dialedNumber: '+18005550142',
      origin: { npa: '312', state: 'IL', country: 'US', timeZone: 'America/Chicago' },
      startedAt: '2024-03-01T14:15:02.000Z',
      answeredAt: '2024-03-01T14:15:09.000Z',
      endedAt: '2024-03-01T14:17:41.000Z',
      durationSeconds: 159,
      billableSeconds: 152,
      disposition: 'answered',
      releaseCause: null,
      destination: 'cc-chicago',
      routingPlanId: null,
      routingPlanVersion: null,
      callCenter: null,
      trunk: 'carrier-east',
    });
  });

  it('maps every disposition cdr_csv writes', async () => {
    const items = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), options));
    const dispositions = [1, 2, 3, 6, 7].map((line) => recordAt(items, line).disposition);
    assert.deepEqual(dispositions, ['answered', 'no-answer', 'busy', 'failed', 'failed']);
    const noAnswer = recordAt(items, 2);
    assert.equal(noAnswer.answeredAt, null);
    assert.equal(noAnswer.billableSeconds, 0);
    assert.equal(recordAt(items, 6).destination, null, 'a failed call went nowhere');
  });

  it('reads withheld callers as no number, and takes the number from the caller id when src is empty', async () => {
    const items = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), options));
    assert.equal(recordAt(items, 5).callingNumber, null);
    assert.equal(recordAt(items, 5).origin, null);
    const text = (await readSample('asterisk/Master.csv')).split('\n')[0]!.replace('"3125550187"', '""');
    const [item] = await collect(parseAsteriskMasterCsv(inChunks(Buffer.from(text), [64]), options));
    assert.ok(item && 'record' in item);
    assert.equal(item.record.callingNumber, '+13125550187');
  });

  it('keeps the rows of a call that rang two phones apart, though they share a uniqueid', async () => {
    const items = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), options));
    const [answered, unanswered] = [recordAt(items, 8), recordAt(items, 9)];
    assert.equal(answered.sourceId.split(':')[0], unanswered.sourceId.split(':')[0]);
    assert.notEqual(answered.sourceId, unanswered.sourceId);
    assert.deepEqual([answered.destination, unanswered.destination], ['agent-1042', 'agent-1043']);
    const ids = records(items).map((record) => record.sourceId);
    assert.equal(new Set(ids).size, ids.length);
    const again = records(await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), options))).map((record) => record.sourceId);
    assert.deepEqual(again, ids, 'the same file sent again has the same ids, so its calls are not counted twice');
  });

  it('places times in the hour repeated when daylight saving ends by the call\'s duration', async () => {
    const items = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), options));
    const call = recordAt(items, 11);
    // 01:50:12 CDT to 01:05:40 CST: 928 s.
    assert.equal(call.startedAt, '2024-11-03T06:50:12.000Z');
    assert.equal(call.answeredAt, '2024-11-03T06:50:18.000Z');
    assert.equal(call.endedAt, '2024-11-03T07:05:40.000Z');
  });

  it('reads the times as UTC for a switch with usegmtime, and refuses an unknown zone at once', async () => {
    const items = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), { ...options, timeZone: 'UTC' }));
    assert.equal(recordAt(items, 1).startedAt, '2024-03-01T08:15:02.000Z');
    assert.throws(() => parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), { ...options, timeZone: 'America/Springfield' }), RangeError);
  });

  it('reads the newcdrcolumns layout, identifying rows by uniqueid and sequence', async () => {
    const line = (await readSample('asterisk/Master.csv')).split('\n')[0]!;
    const wide = `${line},"","1709302502.2590",412\n`;
    const [item] = await collect(parseAsteriskMasterCsv(inChunks(Buffer.from(wide), [wide.length]), options));
    assert.ok(item && 'record' in item, JSON.stringify(item));
    assert.equal(item.record.sourceId, '1709302502.2591:412');
  });

  it('names the column of each problem', async () => {
    const rows = [
      '"","3125550187","8005550142","from-carrier","","PJSIP/carrier-east-00000001","","Dial","","2024-03-01 08:15:02","","2024-03-01 08:15:00",x,0,"RINGING","DOCUMENTATION","",""',
      '"","3125550187","8005550142","from-carrier","","PJSIP/carrier-east-00000001","","Dial","","2024-03-10 02:30:00","","2024-03-10 03:30:00",0,0,"NO ANSWER","DOCUMENTATION","1.1",""',
      '"only","three","columns"',
      '"","3125550187","8005550142","from-carrier","","PJSIP/carrier-east-00000001","","Dial","","2024-03-01 08:15:02","","2024-03-01 08:16:02",60,0,"ANSWERED","DOCUMENTATION","1.2",""',
    ].join('\n');
    const items = await collect(parseAsteriskMasterCsv(inChunks(Buffer.from(rows), [40]), options));
    assert.deepEqual(items, [
      {
        position: { line: 1 },
        errors: [
          { field: 'duration', message: 'is not a whole number of seconds' },
          { field: 'disposition', message: 'is not ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION' },
          { field: 'uniqueid', message: 'is required (set loguniqueid=yes in cdr.conf [csv])' },
          { field: 'end', message: 'is before start' },
        ],
      },
      { position: { line: 2 }, errors: [{ field: 'start', message: 'does not exist in America/Chicago: the clocks skipped it when daylight saving time began' }] },
      { position: { line: 3 }, errors: [{ field: '', message: 'has 3 columns; cdr_csv writes 18 or 21 (loguniqueid and loguserfield on, newcdrcolumns off or on)' }] },
      { position: { line: 4 }, errors: [{ field: 'answer', message: 'is required for an answered call' }] },
    ]);
  });
});
