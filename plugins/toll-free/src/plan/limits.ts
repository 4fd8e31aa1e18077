// How large a routing plan may grow. The registry's own limits (domain spec 1.6) are the model:
// 20 node types on a path, 999 rows a column, 999 destinations a record. A plan past them is
// refused at validation, before it can slow every routing query down.

/** Decision nodes on the longest path from the root to an action. */
export const MAX_PLAN_DEPTH = 20;

/** Nodes (decisions and actions) in the whole plan. */
export const MAX_PLAN_NODES = 5_000;

/** Branches of one decision node, `other` not counted. */
export const MAX_BRANCHES_PER_NODE = 999;

/**
 * Values (area codes, NPA-NXX prefixes, ranges...) in all branches of one node. Somos finds a
 * single 6-digit node beyond about 50,000 NPA-NXXs likely to be rejected.
 */
export const MAX_VALUES_PER_NODE = 50_000;

/** Characters of a node id and of a label. */
export const MAX_ID_LENGTH = 64;
export const MAX_LABEL_LENGTH = 100;
