/** The plugin's tables, by the names storage.table() prefixes with `toll_free_`. */
export const TABLES = {
  plans: 'plans',
  versions: 'plan_versions',
  numbers: 'plan_numbers',
  reroutes: 'reroutes',
  rerouteNumbers: 'reroute_numbers',
} as const;
