import assert from 'node:assert/strict';
import { liveEvents, mapEvents } from '@switchboard/sdk';
import { createInProcessBus } from '@switchboard/host/dist/events/index.js';

describe('live events as an iterator (what a Server-Sent Events route streams)', () => {
  it('yields what is published after the first read, in order', async () => {
    const bus = createInProcessBus();
    const live = liveEvents<{ n: number }>(bus, 'notes.>');
    const first = live.next();
    await new Promise((r) => setTimeout(r, 10));
    await bus.publish('notes.a', { n: 1 });
    await bus.publish('notes.b', { n: 2 });
    assert.deepEqual((await first).value!.data, { n: 1 });
    assert.deepEqual((await live.next()).value!.data, { n: 2 });
    await live.return!();
    await bus.close();
  });

  it('ends a read that is waiting when the consumer leaves, and hears nothing after', async () => {
    const bus = createInProcessBus();
    const live = mapEvents(liveEvents<{ n: number }>(bus, 'notes.>'), (e) => (e.data.n % 2 ? e.data.n : undefined));
    const pending = live.next();
    await new Promise((r) => setTimeout(r, 10));
    await bus.publish('notes.a', { n: 2 }); // dropped by the map: the read keeps waiting
    await live.return!();
    assert.deepEqual(await pending, { value: undefined, done: true });
    await bus.publish('notes.a', { n: 3 });
    assert.deepEqual(await live.next(), { value: undefined, done: true });
    await bus.close();
  });

  it('ends a consumer that falls too far behind rather than queueing without bound', async () => {
    const bus = createInProcessBus();
    const live = liveEvents<{ n: number }>(bus, 'notes.>', 3);
    const first = live.next();
    await new Promise((r) => setTimeout(r, 10));
    // A second subscriber, after the stream's: once it has all six, the stream has had them too.
    let witnessed = 0;
    await bus.subscribe('notes.>', () => {
      witnessed++;
    });
    for (let n = 1; n <= 6; n++) await bus.publish('notes.a', { n });
    for (let i = 0; i < 200 && witnessed < 6; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal((await first).value!.data.n, 1);
    assert.equal((await live.next()).done, true, 'ended once 3 were waiting: it reconnects and resumes from its Last-Event-ID');
    await bus.close();
  });
});
