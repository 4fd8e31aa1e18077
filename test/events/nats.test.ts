import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import type { EventBus } from '@switchboard/sdk';
import { describeWithService, natsServers } from '../support/services.js';
import { busContract, capturingLogger } from './bus-contract.js';
import { connectNatsBus, type BusLogger } from '@switchboard/host/dist/events/index.js';
import { until } from './wait.js';

describeWithService('nats', 'NATS JetStream event bus', function () {
  let admin: NatsConnection;
  let jsm: JetStreamManager;
  const streams = new Set<string>();

  before(async () => {
    admin = await connect({ servers: natsServers });
    jsm = await jetstreamManager(admin);
  });
  after(async () => {
    if (!admin) return; // skipped: NATS is not running
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined);
    await admin.close();
  });

  /** A stream and subject prefix of its own, so runs and tests never see each other's events. */
  function freshNames() {
    const tag = randomBytes(5).toString('hex');
    const names = { stream: `SWITCHBOARD_TEST_${tag}`, subjectPrefix: `sbtest.${tag}` };
    streams.add(names.stream);
    return names;
  }

  const open = (names: { stream: string; subjectPrefix: string }, logger: BusLogger) =>
    connectNatsBus({ servers: natsServers, ...names, duplicateWindowMs: 60_000, logger });

  busContract(async ({ logger }) => open(freshNames(), logger));

  describe('across connections, as between host processes', () => {
    const buses: EventBus[] = [];
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
    });
    const openTracked = async (names: { stream: string; subjectPrefix: string }) => {
      const bus = await open(names, capturingLogger());
      buses.push(bus);
      return bus;
    };

    it('lets a restarted process resume a durable consumer where the last one stopped', async () => {
      const names = freshNames();
      const first = await openTracked(names);
      const seen: number[] = [];
      await first.consume<{ n: number }>('rater', 'traffic.>', async (event) => {
        seen.push(event.data.n);
        await event.ack();
      });
      await first.publish('traffic.call', { n: 1 });
      await until('the first event', () => seen.length === 1);
      await first.close();

      const publisher = await openTracked(names);
      await publisher.publish('traffic.call', { n: 2 });
      const second = await openTracked(names);
      const resumed: number[] = [];
      await second.consume<{ n: number }>('rater', 'traffic.>', async (event) => {
        resumed.push(event.data.n);
        await event.ack();
      });
      await until('the event published while no one consumed', () => resumed.length >= 1);
      assert.deepEqual(resumed, [2]);
    });

    it('gives live subscribers on other connections each event once, duplicates dropped', async () => {
      const names = freshNames();
      const listener = await openTracked(names);
      const publisher = await openTracked(names);
      const heard: string[] = [];
      await listener.subscribe('billing.>', (event) => {
        heard.push(event.id);
      });
      await publisher.publish('billing.payment.received', { amount: 10 }, { id: 'payment-1' });
      await publisher.publish('billing.payment.received', { amount: 10 }, { id: 'payment-1' });
      await publisher.publish('billing.marker', {}, { id: 'marker' });
      await until('the marker', () => heard.includes('marker'));
      assert.deepEqual(heard, ['payment-1', 'marker']);
    });

    it('keeps the plugin subjects apart from the prefix on the wire', async () => {
      const names = freshNames();
      const bus = await openTracked(names);
      await bus.publish('traffic.call', { n: 1 });
      const info = await jsm.streams.info(names.stream);
      assert.equal(info.state.messages, 1);
      const stored = await jsm.streams.getMessage(names.stream, { seq: 1 });
      assert.equal(stored?.subject, `${names.subjectPrefix}.traffic.call`);
    });
  });

  describe('at start', () => {
    it('fails with a message naming the servers when NATS is not there', async () => {
      await assert.rejects(
        connectNatsBus({ servers: '127.0.0.1:1', stream: 'UNUSED', subjectPrefix: 'unused' }),
        (error: Error) => error.message.includes('Cannot connect to NATS at 127.0.0.1:1'),
      );
    });

    it('refuses a stream made without the live republish, saying what to do', async () => {
      const names = freshNames();
      await jsm.streams.add({ name: names.stream, subjects: [`${names.subjectPrefix}.>`], storage: StorageType.File });
      await assert.rejects(open(names, capturingLogger()), (error: Error) => error.message.includes(names.stream) && /delete the stream/.test(error.message));
    });
  });
});
