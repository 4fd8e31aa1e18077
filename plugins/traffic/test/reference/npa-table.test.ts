import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { NPA_TABLE, NPA_TABLE_FILE_DATE } from '../../src/reference/npa-table.js';
import { isTollFreeNumber, lookupNpa, originOf } from '../../src/reference/npa-lookup.js';
import { deriveNpaEntries } from '../../scripts/nanpa/derive-entries.js';
import { readNpaReport } from '../../scripts/nanpa/read-npa-report.js';
import { renderNpaTable } from '../../scripts/nanpa/render-table.js';
import { npaReportPath } from '../support/samples.js';

describe('traffic: NANP area codes', () => {
  describe('the table derived from NANPA\'s report', () => {
    it('is what the script derives from the report today (rerun scripts/build-npa-table.ts when it is not)', async function () {
      const path = npaReportPath();
      if (!path) return this.skip(); // the report lives in the shared folder next to the repository
      const report = readNpaReport(await readFile(path, 'latin1'));
      const derived = deriveNpaEntries(report);
      assert.deepEqual(new Map(derived), new Map(NPA_TABLE));
      const committed = await readFile(new URL('../../../src/reference/npa-table.ts', import.meta.url), 'utf8');
      assert.equal(committed, renderNpaTable(derived, report.fileDate));
    });

    it('reads the three rows with an unquoted comma in AREA_SERVED without shifting their columns', async function () {
      const path = npaReportPath();
      if (!path) return this.skip();
      const report = readNpaReport(await readFile(path, 'latin1'));
      const row = (npa: string) => report.rows.find((r) => r.NPA_ID === npa)!;
      assert.equal(row('368').AREA_SERVED, 'Alberta, Canada');
      assert.equal(row('428').AREA_SERVED, 'New Brunswick, CA');
      assert.equal(row('474').AREA_SERVED, 'Saskatchewan, Canada');
      for (const npa of ['368', '428', '474']) {
        assert.equal(row(npa).MAP, '', `NPA ${npa} MAP`);
        assert.equal(row(npa).IN_JEOPARDY, 'No', `NPA ${npa} IN_JEOPARDY`);
        assert.equal(row(npa).DIALING_PLAN_NOTES, '', `NPA ${npa} last column`);
      }
      assert.deepEqual(lookupNpa('368'), { states: ['AB'], country: 'CA', timeZones: ['America/Edmonton'], inService: false, use: 'geographic' });
      assert.deepEqual(lookupNpa('474'), { states: ['SK'], country: 'CA', timeZones: ['America/Regina'], inService: false, use: 'geographic' });
    });

    it('refuses a row that is short or split anywhere but a place name', () => {
      const header = 'NPA_ID,LOCATION,AREA_SERVED,MAP';
      assert.throws(() => readNpaReport(`File Date,03/01/2020\n${header}\n201,NJ,\n`), /line 3: 3 fields, expected 4/);
      assert.throws(() => readNpaReport(`File Date,03/01/2020\n${header}\n201,NJ,x,1,2\n`), /line 3: .*does not look like a split place name/);
      const ok = readNpaReport(`File Date,03/01/2020\n${header}\n368,ALBERTA,Alberta, Canada,\n`);
      assert.equal(ok.rows[0]!.AREA_SERVED, 'Alberta, Canada');
      assert.equal(ok.rows[0]!.MAP, '');
    });

    it('carries the report date and every kind of entry', () => {
      assert.equal(NPA_TABLE_FILE_DATE, '2020-03-01');
      assert.ok(NPA_TABLE.size > 400);
      assert.deepEqual(lookupNpa('201'), { states: ['NJ'], country: 'US', timeZones: ['America/New_York'], inService: true, use: 'geographic' });
      assert.deepEqual(lookupNpa('800'), { states: [], country: null, timeZones: [], inService: true, use: 'toll-free' });
      assert.equal(lookupNpa('900')?.use, 'premium');
      assert.deepEqual(lookupNpa('600'), { states: [], country: 'CA', timeZones: [], inService: true, use: 'non-geographic' });
      assert.equal(lookupNpa('911'), undefined, 'N11 codes are never assigned');
      assert.equal(lookupNpa('555'), undefined);
    });

    it('resolves time zones by place: no daylight saving where the place keeps none, several zones where the code spans them', () => {
      assert.deepEqual(lookupNpa('602')?.timeZones, ['America/Phoenix']);
      assert.deepEqual(lookupNpa('306')?.timeZones, ['America/Regina']);
      assert.deepEqual(lookupNpa('787')?.timeZones, ['America/Puerto_Rico']);
      assert.deepEqual(lookupNpa('709')?.timeZones, ['America/St_Johns']);
      assert.deepEqual(lookupNpa('808')?.timeZones, ['Pacific/Honolulu']);
      assert.deepEqual(lookupNpa('671')?.timeZones, ['Pacific/Guam']);
      assert.deepEqual(lookupNpa('208')?.timeZones, ['America/Denver', 'America/Los_Angeles']);
      assert.deepEqual(lookupNpa('345')?.timeZones, ['America/Cayman']);
      for (const [npa, entry] of NPA_TABLE) {
        for (const zone of entry.timeZones) assert.doesNotThrow(() => new Intl.DateTimeFormat('en-US', { timeZone: zone }), `NPA ${npa}: ${zone}`);
        if (entry.use === 'geographic') assert.ok(entry.timeZones.length > 0 && entry.country !== null, `NPA ${npa} has a place`);
      }
    });

    it('applies the errata to the report: Dallas 214 in Texas, New Brunswick 428 in Atlantic time', () => {
      assert.deepEqual(lookupNpa('214')?.states, ['TX']);
      assert.deepEqual(lookupNpa('428')?.timeZones, ['America/Moncton']);
    });
  });

  describe('originOf', () => {
    it('gives the NPA, state, country and zone of an E.164 NANP number', () => {
      assert.deepEqual(originOf('+12015550123'), { npa: '201', state: 'NJ', country: 'US', timeZone: 'America/New_York' });
      assert.deepEqual(originOf('+14165550178'), { npa: '416', state: 'ON', country: 'CA', timeZone: 'America/Toronto' });
      assert.deepEqual(originOf('+17875550100'), { npa: '787', state: 'PR', country: 'US', timeZone: 'America/Puerto_Rico' });
    });

    it('joins the provinces of a code that serves several, gives no state in NANP countries without states', () => {
      assert.deepEqual(originOf('+19025550127'), { npa: '902', state: 'NS/PE', country: 'CA', timeZone: 'America/Halifax' });
      assert.deepEqual(originOf('+18765550140'), { npa: '876', state: null, country: 'JM', timeZone: 'America/Jamaica' });
    });

    it('gives no single zone for a code that spans zones', () => {
      assert.deepEqual(originOf('+12085550111'), { npa: '208', state: 'ID', country: 'US', timeZone: null });
    });

    it('is null for numbers outside NANP, malformed, unassigned or non-geographic', () => {
      for (const number of ['+442079460958', '2015550123', '+1201555012', '+11015550123', '+19115550123', '+18005550199', '+15005550100', '', null, undefined]) {
        assert.equal(originOf(number), null, String(number));
      }
    });
  });

  it('knows toll-free numbers by their area code', () => {
    assert.equal(isTollFreeNumber('+18335550100'), true);
    assert.equal(isTollFreeNumber('+18885550123'), true);
    assert.equal(isTollFreeNumber('+12015550123'), false);
    assert.equal(isTollFreeNumber('+19005550100'), false);
  });
});
