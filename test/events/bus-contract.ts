import assert from 'node:assert/strict';
import type { BusEvent, DurableEvent, EventBus } from '@switchboard/sdk';
import { scopedBus, type BusLogger } from '@switchboard/host/dist/events/index.js';
import { until } from './wait.js';

/** Collects what the bus reports instead of printing it, so tests can look at it. */
export function capturingLogger(): BusLogger & { errors: { message: string; error: unknown }[]; warnings: string[] } {
  const errors: { message: string; error: unknown }[] = [];
  const warnings: string[] = [];
  return { errors, warnings, warn: (message) => warnings.push(message), error: (message, error) => errors.push({ message, error }) };
}

export type MakeBus = (options: { logger: BusLogger }) => Promise<EventBus>;

/**
 * What every event bus promises a plugin, run against each implementation. Live subscribers
 * keep the order of their events on every bus, so "nothing else arrived" is proven by a last
 * marker event arriving, never by waiting a while.
 */
export function busContract(makeBus: MakeBus): void {
  let bus: EventBus;
  let logger: ReturnType<typeof capturingLogger>;

  beforeEach(async () => {
    logger = capturingLogger();
    bus = await makeBus({ logger });
  });
  afterEach(async () => {
    await bus.close();
  });

  /** Records live events; `subjects()` lists what arrived, in order. */
  async function record(pattern: string) {
    const events: BusEvent<{ n?: number; marker?: boolean }>[] = [];
    const subscription = await bus.subscribe<{ n?: number; marker?: boolean }>(pattern, (event) => {
      events.push(event);
    });
    return { events, subscription, subjects: () => events.map((event) => event.subject) };
  }

  /** Records deliveries to a durable consumer, acknowledging each unless `decide` says otherwise. */
  async function consumeAll(name: string, pattern: string, options: Parameters<EventBus['consume']>[3] = {}, decide?: (event: DurableEvent<{ n: number }>) => Promise<void>) {
    const deliveries: DurableEvent<{ n: number }>[] = [];
    const subscription = await bus.consume<{ n: number }>(
      name,
      pattern,
      async (event) => {
        deliveries.push(event);
        if (decide) await decide(event);
        else await event.ack();
      },
      options,
    );
    return { deliveries, subscription, numbers: () => deliveries.map((event) => event.data.n) };
  }

  describe('live subscriptions', () => {
    it('delivers to every subscriber whose pattern matches, with * for one word and > for the rest', async () => {
      const oneWord = await record('traffic.*');
      const rest = await record('traffic.>');
      const exact = await record('billing.invoice.created');
      await bus.publish('traffic.call', { n: 1 });
      await bus.publish('traffic.call.committed', { n: 2 });
      await bus.publish('billing.invoice.created', { n: 3 });
      await bus.publish('alarms.raised', { n: 4 });
      await bus.publish('traffic.marker', { marker: true });
      await bus.publish('billing.invoice.created', { marker: true });

      await until('the markers', () => oneWord.events.length >= 2 && rest.events.length >= 3 && exact.events.length >= 2);
      assert.deepEqual(oneWord.subjects(), ['traffic.call', 'traffic.marker']);
      assert.deepEqual(rest.subjects(), ['traffic.call', 'traffic.call.committed', 'traffic.marker']);
      assert.deepEqual(exact.subjects(), ['billing.invoice.created', 'billing.invoice.created']);
      assert.deepEqual(exact.events[0]!.data, { n: 3 });
    });

    it('hands over the event id, the publication time and the data as JSON would carry it', async () => {
      const sub = await record('traffic.>');
      const before = Date.now();
      await bus.publish('traffic.call', { at: new Date(0), tags: ['a'], nested: { ok: true } }, { id: 'call-42' });
      await until('the event', () => sub.events.length === 1);
      const event = sub.events[0]!;
      assert.equal(event.id, 'call-42');
      assert.ok(event.publishedAt instanceof Date, 'publishedAt is a Date');
      assert.ok(Math.abs(event.publishedAt.getTime() - before) < 60_000, 'publishedAt is the time of publication');
      // A Date becomes its ISO string on every bus, so plugins behave the same embedded and scaled out.
      assert.deepEqual(event.data, { at: '1970-01-01T00:00:00.000Z', tags: ['a'], nested: { ok: true } });
    });

    it('gives a subscriber only the events published after it subscribed', async () => {
      await bus.publish('traffic.call', { n: 1 });
      const late = await record('traffic.call');
      await bus.publish('traffic.call', { n: 2 });
      await until('the second event', () => late.events.length >= 1);
      await bus.publish('traffic.call', { marker: true });
      await until('the marker', () => late.events.some((event) => event.data.marker));
      assert.deepEqual(
        late.events.map((event) => event.data.n ?? 'marker'),
        [2, 'marker'],
      );
    });

    it('stops delivering after unsubscribe', async () => {
      const gone = await record('traffic.call');
      const stays = await record('traffic.call');
      await bus.publish('traffic.call', { n: 1 });
      await until('the first event', () => gone.events.length === 1 && stays.events.length === 1);
      await gone.subscription.unsubscribe();
      await bus.publish('traffic.call', { n: 2 });
      await bus.publish('traffic.call', { marker: true });
      await until('the marker', () => stays.events.length === 3);
      assert.equal(gone.events.length, 1);
    });

    it('delivers an event published twice with the same id once', async () => {
      const sub = await record('billing.>');
      await bus.publish('billing.payment.received', { n: 1 }, { id: 'payment-7' });
      await bus.publish('billing.payment.received', { n: 2 }, { id: 'payment-7' });
      await bus.publish('billing.marker', { marker: true });
      await until('the marker', () => sub.events.some((event) => event.data.marker));
      assert.deepEqual(sub.subjects(), ['billing.payment.received', 'billing.marker']);
      assert.deepEqual(sub.events[0]!.data, { n: 1 });
    });

    it('keeps publishing and delivering to others when one subscriber throws', async () => {
      await bus.subscribe('traffic.call', () => {
        throw new Error('subscriber bug');
      });
      const healthy = await record('traffic.call');
      await bus.publish('traffic.call', { n: 1 });
      await bus.publish('traffic.call', { n: 2 });
      await until('both events at the healthy subscriber', () => healthy.events.length === 2);
      await until('the failure to be logged', () => logger.errors.length >= 2);
      assert.match(String((logger.errors[0]!.error as Error).message), /subscriber bug/);
    });

    it('refuses an invalid subject, naming it', async () => {
      await assert.rejects(bus.publish('traffic..call', {}), /traffic\.\.call/);
      await assert.rejects(bus.publish('traffic.*', {}), /traffic\.\*/);
    });
  });

  describe('durable consumers', () => {
    it('get the events published before they started, in order', async () => {
      for (const n of [1, 2, 3]) await bus.publish('traffic.call', { n });
      const consumer = await consumeAll('billing-rater', 'traffic.>');
      await until('three deliveries', () => consumer.deliveries.length === 3);
      assert.deepEqual(consumer.numbers(), [1, 2, 3]);
      const sequences = consumer.deliveries.map((event) => event.sequence);
      assert.ok(sequences[0]! < sequences[1]! && sequences[1]! < sequences[2]!, `sequences increase: ${sequences.join(', ')}`);
      assert.deepEqual(
        consumer.deliveries.map((event) => event.deliveries),
        [1, 1, 1],
      );
    });

    it("start at the next event when asked for only new ones", async () => {
      await bus.publish('traffic.call', { n: 1 });
      const consumer = await consumeAll('fresh-only', 'traffic.>', { from: 'new' });
      await bus.publish('traffic.call', { n: 2 });
      await until('the new event', () => consumer.deliveries.length >= 1);
      assert.equal(consumer.numbers()[0], 2);
    });

    it('deliver an event published twice with the same id once', async () => {
      await bus.publish('billing.payment.received', { n: 1 }, { id: 'payment-8' });
      await bus.publish('billing.payment.received', { n: 2 }, { id: 'payment-8' });
      await bus.publish('billing.payment.received', { n: 3 });
      const consumer = await consumeAll('payments', 'billing.>');
      await until('the last event', () => consumer.numbers().includes(3));
      assert.deepEqual(consumer.numbers(), [1, 3]);
    });

    it("redeliver an event that was nak'ed, counting the deliveries", async () => {
      const consumer = await consumeAll('nak-once', 'traffic.>', {}, async (event) => {
        if (event.deliveries === 1) await event.nak();
        else await event.ack();
      });
      await bus.publish('traffic.call', { n: 1 }, { id: 'retry-me' });
      await until('the redelivery', () => consumer.deliveries.length >= 2);
      const [first, second] = consumer.deliveries;
      assert.equal(first!.id, 'retry-me');
      assert.equal(second!.id, 'retry-me');
      assert.equal(second!.sequence, first!.sequence);
      assert.deepEqual([first!.deliveries, second!.deliveries], [1, 2]);
    });

    it("redeliver a nak'ed event after the delay it asked for", async () => {
      const consumer = await consumeAll('nak-later', 'traffic.>', {}, async (event) => {
        if (event.deliveries === 1) await event.nak(300);
        else await event.ack();
      });
      await bus.publish('traffic.call', { n: 1 });
      await until('the delayed redelivery', () => consumer.deliveries.length >= 2);
      assert.deepEqual(
        consumer.deliveries.map((event) => event.deliveries),
        [1, 2],
      );
    });

    it('redeliver an event not acknowledged within the ack wait', async () => {
      const consumer = await consumeAll('forgetful', 'traffic.>', { ackWaitMs: 500 }, async (event) => {
        if (event.deliveries > 1) await event.ack(); // the first time, neither ack nor nak
      });
      await bus.publish('traffic.call', { n: 1 });
      await until('the redelivery after the ack wait', () => consumer.deliveries.length >= 2);
      assert.deepEqual(
        consumer.deliveries.map((event) => [event.data.n, event.deliveries]),
        [
          [1, 1],
          [1, 2],
        ],
      );
    });

    it('redeliver an event whose handler threw', async () => {
      const consumer = await consumeAll('flaky', 'traffic.>', { ackWaitMs: 500 }, async (event) => {
        if (event.deliveries === 1) throw new Error('handler bug');
        await event.ack();
      });
      await bus.publish('traffic.call', { n: 1 });
      await until('the redelivery', () => consumer.deliveries.length >= 2);
      assert.equal(consumer.deliveries[1]!.deliveries, 2);
      assert.ok(logger.errors.some((entry) => /handler bug/.test(String((entry.error as Error).message))), 'the failure is logged');
    });

    it('resume after the last acknowledged event when they come back under the same name', async () => {
      const first = await consumeAll('resumer', 'traffic.>');
      await bus.publish('traffic.call', { n: 1 });
      await bus.publish('traffic.call', { n: 2 });
      await until('both events acknowledged', () => first.deliveries.length === 2);
      await first.subscription.unsubscribe();

      await bus.publish('traffic.call', { n: 3 });
      await bus.publish('traffic.call', { n: 4 });
      const again = await consumeAll('resumer', 'traffic.>');
      await until('the events published while away', () => again.deliveries.length >= 2);
      assert.deepEqual(again.numbers(), [3, 4]);
      assert.deepEqual(first.numbers(), [1, 2]);
    });

    it('redeliver, when they come back, the event they handed back on the way out', async () => {
      let first: Awaited<ReturnType<typeof consumeAll>> | undefined = undefined;
      first = await consumeAll('half-done', 'traffic.>', {}, async (event) => {
        if (event.data.n === 1) return event.ack();
        // Shutting down mid-event: stop consuming, then hand the event back.
        await first!.subscription.unsubscribe();
        await event.nak();
      });
      await bus.publish('traffic.call', { n: 1 });
      await bus.publish('traffic.call', { n: 2 });
      await until('the second event', () => first!.numbers().includes(2));
      const again = await consumeAll('half-done', 'traffic.>');
      await until('the handed-back event', () => again.deliveries.length >= 1);
      assert.deepEqual(first.numbers(), [1, 2]);
      // Only the event itself is promised here, not its delivery count: NATS 2.9 rewinds a pull
      // consumer when an event is nak'ed while no pull is waiting, and counts the next delivery as
      // the first again. (With a pull waiting, the nak test above sees 2.)
      assert.equal(again.numbers()[0], 2);
    });

    it('give every event to each of two differently named consumers', async () => {
      const billing = await consumeAll('billing', 'traffic.>');
      const monitor = await consumeAll('monitor', 'traffic.>');
      for (const n of [1, 2, 3]) await bus.publish('traffic.call', { n });
      await until('all events at both', () => billing.deliveries.length === 3 && monitor.deliveries.length === 3);
      assert.deepEqual(billing.numbers(), [1, 2, 3]);
      assert.deepEqual(monitor.numbers(), [1, 2, 3]);
    });

    it('refuse to reuse a name for another pattern, naming both', async () => {
      const consumer = await consumeAll('one-pattern', 'traffic.>');
      await consumer.subscription.unsubscribe();
      await assert.rejects(
        bus.consume('one-pattern', 'billing.>', async () => undefined),
        (error: Error) => /one-pattern/.test(error.message) && /traffic\.>/.test(error.message) && /billing\.>/.test(error.message),
      );
    });
  });

  describe('a plugin scoped bus', () => {
    it("refuses to publish under another plugin's id, naming the subject and the plugin", async () => {
      const tollFree = scopedBus(bus, 'toll-free');
      await assert.rejects(
        tollFree.publish('traffic.call', { n: 1 }),
        (error: Error) => error.message.includes('"traffic.call"') && error.message.includes('"toll-free"'),
      );
    });

    it('publishes under its own id and hears everything', async () => {
      const tollFree = scopedBus(bus, 'toll-free');
      const heard: string[] = [];
      await tollFree.subscribe('traffic.>', (event) => {
        heard.push(event.subject);
      });
      const everyone = await record('toll-free.>');
      await tollFree.publish('toll-free.plan.activated', { n: 1 });
      await bus.publish('traffic.call', { n: 2 });
      await until('both events', () => everyone.events.length === 1 && heard.length === 1);
      assert.deepEqual(everyone.subjects(), ['toll-free.plan.activated']);
      assert.deepEqual(heard, ['traffic.call']);
    });

    it('keeps durable consumers of two plugins apart even under the same name', async () => {
      const got = { alpha: [] as number[], beta: [] as number[] };
      for (const plugin of ['alpha', 'beta'] as const) {
        await scopedBus(bus, plugin).consume<{ n: number }>('worker', 'traffic.>', async (event) => {
          got[plugin].push(event.data.n);
          await event.ack();
        });
      }
      for (const n of [1, 2]) await bus.publish('traffic.call', { n });
      await until('every event at both plugins', () => got.alpha.length === 2 && got.beta.length === 2);
      assert.deepEqual(got, { alpha: [1, 2], beta: [1, 2] });
    });

    it("ends the plugin's subscriptions when it is closed, and only those", async () => {
      const plugin = scopedBus(bus, 'reports');
      const pluginHeard: number[] = [];
      await plugin.subscribe<{ n: number }>('traffic.>', (event) => {
        pluginHeard.push(event.data.n);
      });
      const host = await record('traffic.>');
      await bus.publish('traffic.call', { n: 1 });
      await until('the first event', () => pluginHeard.length === 1 && host.events.length === 1);
      await plugin.close();
      await bus.publish('traffic.call', { n: 2 });
      await until('the host to hear the second event', () => host.events.length === 2);
      assert.deepEqual(pluginHeard, [1]);
    });
  });
}
