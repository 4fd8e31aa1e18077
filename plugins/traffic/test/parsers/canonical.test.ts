import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parseJsonArray, parseJsonArrayText } from '../../src/parsers/json-array.js';
import { parseNdjson } from '../../src/parsers/ndjson.js';
import type { ParsedRecord } from '../../src/parsers/parsed-record.js';
import { callInput, collect, inChunks, readSample, samplePath, streamSample } from '../support/index.js';

const summary = (items: ParsedRecord[]) => items.map((item) => ('record' in item ? { ...item.position, id: item.record.sourceId } : { ...item.position, errors: item.errors }));

describe('traffic: canonical records in JSON and NDJSON', () => {
  describe('NDJSON', () => {
    it('reads the sample batch record by record, with the line number of the bad one and every problem in it', async () => {
      const items = await collect(parseNdjson(streamSample('canonical/batch.ndjson')));
      assert.deepEqual(summary(items), [
        { line: 1, id: '7c1e4a2f-0001' },
        { line: 2, id: '7c1e4a2f-0002' },
        { line: 3, id: '7c1e4a2f-0003' },
        { line: 5, id: '7c1e4a2f-0004' },
        {
          line: 6,
          errors: [
            { field: 'callCentre', message: 'is not a call record field' },
            { field: 'answeredAt', message: 'is after endedAt' },
          ],
        },
        { line: 7, id: '7c1e4a2f-0006' },
        { line: 8, id: '7c1e4a2f-0007' },
        { line: 9, id: '7c1e4a2f-0008' },
      ]);
      const records = items.flatMap((item) => ('record' in item ? [item.record] : []));
      const fourth = records.find((record) => record.sourceId === '7c1e4a2f-0004')!;
      assert.equal(fourth.callingNumber, '+13035550166');
      assert.equal(fourth.dialedNumber, '+18005550199');
      assert.equal(fourth.startedAt, '2024-03-01T15:00:41.000Z');
      assert.equal(fourth.durationSeconds, 81);
      assert.equal(records.find((record) => record.sourceId === '7c1e4a2f-0008')!.dialedNumber, '+442079460958');
    });

    it('gives the same records whatever the chunks, one byte at a time included', async () => {
      const bytes = await readFile(samplePath('canonical/batch.ndjson'));
      const whole = await collect(parseNdjson(inChunks(bytes, [bytes.length])));
      assert.deepEqual(await collect(parseNdjson(inChunks(bytes, [1]))), whole);
      assert.deepEqual(await collect(parseNdjson(inChunks(bytes, [61, 7, 300]))), whole);
    });

    it('reads a large body without holding it: records come out while the body is still arriving', async () => {
      const line = `${JSON.stringify(callInput())}\n`;
      let sent = 0;
      let seenWhileSending = 0;
      async function* body() {
        for (let n = 0; n < 20_000; n++) {
          sent++;
          yield Buffer.from(line.replace('"call-1"', `"call-${n}"`));
        }
      }
      let count = 0;
      for await (const item of parseNdjson(body())) {
        assert.ok('record' in item);
        count++;
        if (sent < 20_000) seenWhileSending = count;
      }
      assert.equal(count, 20_000);
      assert.ok(seenWhileSending > 19_000, 'each record is yielded as soon as its line is complete');
    });

    it('reports lines that are not JSON or too long, and goes on', async () => {
      const body = `${JSON.stringify(callInput())}\n{"source": \n${JSON.stringify(callInput({ sourceId: 'call-2', trunk: 'y'.repeat(3000) }))}\n[1,2]\n`;
      const items = await collect(parseNdjson(inChunks(Buffer.from(body), [50]), { maxLineBytes: 2048 }));
      assert.equal(items.length, 4);
      assert.ok('record' in items[0]!);
      const notJson = items[1]!;
      assert.ok('errors' in notJson);
      assert.deepEqual(notJson.position, { line: 2 });
      assert.equal(notJson.errors.length, 1);
      assert.equal(notJson.errors[0]!.field, '');
      assert.match(notJson.errors[0]!.message, /^is not JSON: /);
      assert.deepEqual(items[2], { position: { line: 3 }, errors: [{ field: '', message: 'line is longer than 2048 bytes' }] });
      assert.deepEqual(items[3], { position: { line: 4 }, errors: [{ field: '', message: 'must be an object: one call record' }] });
    });
  });

  describe('JSON arrays', () => {
    it('reads the sample batch, refusing the bad record by its index', async () => {
      const batch = parseJsonArrayText(await readSample('canonical/batch.json'));
      assert.ok('records' in batch);
      assert.deepEqual(summary(batch.records), [
        { index: 0, id: 'sim-000001' },
        { index: 1, id: 'sim-000002' },
        { index: 2, errors: [{ field: 'billableSeconds', message: 'must be 0 for a call that was never answered (it has no answeredAt)' }] },
      ]);
    });

    it('refuses a body that is not an array of records as a whole', () => {
      assert.deepEqual(parseJsonArray({ records: [] }), { problem: 'must be a JSON array of call records' });
      const broken = parseJsonArrayText('[{"source": ');
      assert.ok('problem' in broken && broken.problem.startsWith('is not JSON: '));
      assert.deepEqual(parseJsonArray([]), { records: [] });
    });
  });
});
