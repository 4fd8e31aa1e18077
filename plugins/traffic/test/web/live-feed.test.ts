import assert from 'node:assert/strict';
import { LiveFeed, type EventSourceLike } from '../../src/web/live-feed.js';
import type { MonitorCall } from '../../src/web/traffic-answers.js';

/** An EventSource stand-in the test drives: open, deliver, break. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, event: Event) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  opens() {
    this.readyState = 1;
    this.emit('open', new Event('open'));
  }
  /** A break: CONNECTING while EventSource retries by itself, CLOSED when it gave up. */
  breaks(readyState: 0 | 2) {
    this.readyState = readyState;
    this.emit('error', new Event('error'));
  }
}

function feed() {
  const sources: FakeSource[] = [];
  const waits: { run: () => void; ms: number }[] = [];
  const seen: string[] = [];
  const calls: MonitorCall[] = [];
  const live = new LiveFeed(
    '/api/traffic/live',
    { onOpen: () => seen.push('open'), onLost: () => seen.push('lost'), onCall: (call) => calls.push(call) },
    {
      open: (url) => {
        const source = new FakeSource(url);
        sources.push(source);
        return source;
      },
      schedule: (run, ms) => {
        waits.push({ run, ms });
        return undefined as unknown as ReturnType<typeof setTimeout>;
      },
    },
  );
  return { live, sources, waits, seen, calls };
}

describe('traffic monitor: the live feed', () => {
  it('opens the stream, reports it open and hands on its calls', () => {
    const { live, sources, seen, calls } = feed();
    live.start();
    assert.equal(sources[0]!.url, '/api/traffic/live');
    sources[0]!.opens();
    sources[0]!.emit('call', new MessageEvent('call', { data: JSON.stringify({ sourceId: 'c-1' }), lastEventId: '7' }));
    assert.deepEqual(seen, ['open']);
    assert.deepEqual(calls.map((c) => c.sourceId), ['c-1']);
  });

  it('reports a break, leaves the reconnect to EventSource while it retries, and reports the reopening', () => {
    const { live, sources, waits, seen } = feed();
    live.start();
    sources[0]!.opens();
    sources[0]!.breaks(0);
    sources[0]!.opens();
    assert.deepEqual(seen, ['open', 'lost', 'open']);
    assert.equal(sources.length, 1);
    assert.equal(waits.length, 0);
  });

  it('opens a new stream when EventSource gives up, waiting longer after each failure', () => {
    const { live, sources, waits, seen } = feed();
    live.start();
    sources[0]!.breaks(2);
    assert.equal(sources[0]!.closed, true);
    waits.shift()!.run();
    sources[1]!.breaks(2);
    waits.shift()!.run();
    sources[2]!.opens();
    sources[2]!.breaks(2);
    assert.deepEqual(seen, ['lost', 'lost', 'open', 'lost']);
    assert.equal(sources.length, 3);
    assert.deepEqual(waits.map((w) => w.ms), [1000], 'back to the first wait after it opened');
  });

  it('ignores the host\'s own error event and anything from a stream it has left', () => {
    const { live, sources, seen, calls } = feed();
    live.start();
    sources[0]!.opens();
    sources[0]!.emit('error', new MessageEvent('error', { data: '{"code":"stream_failed"}' }));
    live.stop();
    sources[0]!.emit('call', new MessageEvent('call', { data: '{}' }));
    assert.deepEqual(seen, ['open']);
    assert.equal(calls.length, 0);
    assert.equal(sources[0]!.closed, true);
  });
});
