// @switchboard/plugin-orders: what other plugins use of orders and the number inventory: the
// events it publishes and their payloads. The server side is the plugin's server entry,
// src/server/index.ts, which the host loads; other plugins never import it.
export { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, ORDER_CHANGED } from './events.js';
export type { NumberAssigned, NumberDisconnected, OrderChanged, OrderStatus } from './events.js';
