// @switchboard/plugin-toll-free: what other plugins use of toll-free routing (the plan model and its
// decisions). Filled in as the routing engine lands.
export {};
