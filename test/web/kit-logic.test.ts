import assert from 'node:assert/strict';
// Pure modules of the browser code, imported one by one: the kit's entry defines custom elements
// and needs a DOM, these do not.
import { niceTicks, timeTicks, timeFormat } from '@switchboard/sdk/dist/web/chart-scale.js';
import { compareValues } from '@switchboard/sdk/dist/web/sort.js';
import { parseRoute, matchPage, hrefFor, routeHref } from '@switchboard/host/dist/shell/router.js';
import { notesPerDay } from '@switchboard/fixture-notes/dist/web/note.js';

describe('the web kit’s logic', () => {
  describe('chart value ticks', () => {
    it('are round numbers covering the data', () => {
      assert.deepEqual(niceTicks(0, 9.3, 5), { min: 0, max: 10, step: 2, ticks: [0, 2, 4, 6, 8, 10] });
      assert.deepEqual(niceTicks(0, 0.7, 4).ticks, [0, 0.2, 0.4, 0.6, 0.8]);
      assert.deepEqual(niceTicks(-35, 120, 5).ticks, [-50, 0, 50, 100, 150]);
    });

    it('stay whole for counts, and survive a flat series', () => {
      assert.deepEqual(niceTicks(0, 2, 5, true).ticks, [0, 1, 2]);
      assert.deepEqual(niceTicks(0, 0, 5, true).ticks, [0, 1]);
      assert.ok(niceTicks(7, 7, 5).ticks.includes(0));
    });
  });

  describe('chart time ticks', () => {
    it('fall on local midnights for daily data', () => {
      const start = new Date(2025, 2, 1, 0, 0).getTime();
      const end = new Date(2025, 2, 14, 0, 0).getTime();
      const { ticks, step } = timeTicks(start, end, 7);
      assert.ok(ticks.length <= 7 && ticks.length >= 4, `${ticks.length} ticks`);
      for (const t of ticks) assert.equal(new Date(t).getHours(), 0);
      assert.equal(timeFormat(step).day, 'numeric');
    });

    it('fall on whole hours for a day of data', () => {
      const start = new Date(2025, 2, 1, 0, 10).getTime();
      const { ticks, step } = timeTicks(start, start + 24 * 3600_000, 6);
      for (const t of ticks) assert.equal(new Date(t).getMinutes(), 0);
      assert.equal(timeFormat(step).hour, '2-digit');
    });
  });

  it('sorts numbers, dates and text the way people expect, blanks last', () => {
    const sorted = ['item 10', 'item 9', '', 'Item 1'].sort(compareValues);
    assert.deepEqual(sorted, ['Item 1', 'item 9', 'item 10', '']);
    assert.ok(compareValues(new Date(2025, 0, 2), new Date(2025, 0, 1)) > 0);
    assert.ok(compareValues(2, 10) < 0);
  });

  describe('shell routes', () => {
    it('read the plugin and page from the hash', () => {
      assert.deepEqual(parseRoute(''), { kind: 'home' });
      assert.deepEqual(parseRoute('#/'), { kind: 'home' });
      assert.deepEqual(parseRoute('#/notes'), { kind: 'plugin', plugin: 'notes', path: [] });
      assert.deepEqual(parseRoute('#/toll-free/plans/p%201'), { kind: 'plugin', plugin: 'toll-free', path: ['plans', 'p 1'] });
      assert.equal(routeHref(parseRoute('#/notes/')), '#/notes');
      assert.equal(hrefFor('/notes/n-1'), '#/notes/n-1');
    });

    it('open the page with the longest matching path, passing the rest', () => {
      const pages = { '': 'x-main', plans: 'x-plans', 'plans/new': 'x-new' };
      assert.deepEqual(matchPage(pages, []), { tag: 'x-main', rest: [] });
      assert.deepEqual(matchPage(pages, ['plans', 'p-1']), { tag: 'x-plans', rest: ['p-1'] });
      assert.deepEqual(matchPage(pages, ['plans', 'new']), { tag: 'x-new', rest: [] });
      assert.equal(matchPage({ plans: 'x-plans' }, ['reports']), null);
    });
  });

  it('counts notes per day, with zero for quiet days, up to today', () => {
    const today = new Date(2025, 4, 20, 15, 0);
    const note = (d: Date) => ({ id: 'n', title: 't', body: '', createdAt: d.toISOString(), updatedAt: d.toISOString(), version: 1 });
    const points = notesPerDay([note(new Date(2025, 4, 20, 9)), note(new Date(2025, 4, 20, 11)), note(new Date(2025, 4, 18, 23, 59))], today, 5);
    assert.deepEqual(
      points.map((p) => [p.time.getDate(), p.value]),
      [[16, 0], [17, 0], [18, 1], [19, 0], [20, 2]],
    );
    assert.equal(notesPerDay([note(new Date(2025, 3, 1))], today, 3)[0]!.time.getMonth(), 3, 'starts at the oldest note');
  });
});
