import type { EventBus, Subscription } from '@switchboard/sdk';

/**
 * The bus as one plugin sees it: it publishes only under its own id (`toll-free.plan.activated`),
 * hears everything, and its durable consumers are namespaced by its id so two plugins never
 * share a position by picking the same name. Closing it ends the plugin's own subscriptions;
 * the shared bus belongs to the host and stays open.
 */
export function scopedBus(bus: EventBus, pluginId: string): EventBus {
  const subscriptions = new Set<Subscription>();
  const track = (subscription: Subscription): Subscription => {
    subscriptions.add(subscription);
    return {
      async unsubscribe() {
        subscriptions.delete(subscription);
        await subscription.unsubscribe();
      },
    };
  };
  return {
    async publish(subject, data, options) {
      if (subject.split('.')[0] !== pluginId) {
        throw new Error(`Plugin "${pluginId}" may only publish subjects starting with "${pluginId}.", not "${subject}"`);
      }
      await bus.publish(subject, data, options);
    },
    subscribe: async (pattern, handler) => track(await bus.subscribe(pattern, handler)),
    // Plugin ids never contain "_", so the first "_" always ends the id and names cannot collide.
    consume: async (durableName, pattern, handler, options) => track(await bus.consume(`${pluginId}_${durableName}`, pattern, handler, options)),
    async close() {
      const open = [...subscriptions];
      subscriptions.clear();
      await Promise.all(open.map((subscription) => subscription.unsubscribe()));
    },
  };
}
