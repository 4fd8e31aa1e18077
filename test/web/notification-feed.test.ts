import assert from 'node:assert/strict';
// Pure: the shell's module defines custom elements and needs a DOM, the feed does not.
import { FEED_LENGTH, NotificationFeed } from '@switchboard/host/dist/shell/notification-feed.js';

const note = (id: string, at: string, title = `Order ${id} changed`) => ({ id, at, title });

describe("the shell's notification list", () => {
  it('merges every plugin\'s notifications newest first, whatever the offset they are written in', () => {
    const feed = new NotificationFeed();
    feed.update('orders', [note('o2', '2026-03-02T10:00:00Z'), note('o1', '2026-03-02T08:00:00Z')]);
    feed.update('events', [note('e1', '2026-03-02T10:30:00+01:00')]); // 09:30 UTC
    assert.deepEqual(feed.entries.map((e) => `${e.plugin}/${e.id}`), ['orders/o2', 'events/e1', 'orders/o1']);
  });

  it('announces only what arrives after a plugin\'s first list, and only when unread', () => {
    const feed = new NotificationFeed('2026-03-02T09:00:00Z');
    assert.deepEqual(feed.update('orders', [note('o1', '2026-03-02T09:30:00Z')]), [], 'what was there already is not announced');
    const arrived = feed.update('orders', [note('o2', '2026-03-02T09:45:00Z'), note('o1', '2026-03-02T09:30:00Z'), note('old', '2026-03-01T12:00:00Z')]);
    assert.deepEqual(arrived.map((e) => e.id), ['o2'], 'the new one, not the one read before the mark');
    assert.equal(feed.unread, 2);
  });

  it('counts everything as unread until the list is first opened, then nothing until more comes', () => {
    const feed = new NotificationFeed(null);
    feed.update('orders', [note('o2', '2026-03-02T10:00:00Z'), note('o1', '2026-03-02T08:00:00Z')]);
    assert.equal(feed.unread, 2);
    assert.equal(feed.markSeen(), '2026-03-02T10:00:00Z');
    assert.equal(feed.unread, 0);
    feed.update('orders', [note('o3', '2026-03-02T11:00:00Z'), note('o2', '2026-03-02T10:00:00Z')]);
    assert.equal(feed.unread, 1);
    assert.equal(new NotificationFeed(null).markSeen(), null, 'an empty list leaves no mark');
  });

  it('shows at most the newest few', () => {
    const feed = new NotificationFeed();
    const many = Array.from({ length: FEED_LENGTH + 5 }, (_, i) => note(`o${i}`, new Date(Date.UTC(2026, 2, 2, 0, i)).toISOString()));
    feed.update('orders', many);
    assert.equal(feed.entries.length, FEED_LENGTH);
    assert.equal(feed.entries[0]!.id, `o${FEED_LENGTH + 4}`);
  });
});
