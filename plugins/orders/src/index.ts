// @switchboard/plugin-orders: what other plugins use of orders and the number inventory (the events
// it publishes and their payloads). Filled in as the plugin lands.
export {};
