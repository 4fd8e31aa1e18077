// Percent allocation draws a point in [0, 10000) from the call id, salted with the node's id, so
//  - the same call id always lands on the same point (a retried query routes the same way),
//  - over many calls the points are uniform, so branches get their percentages, and
//  - two percent nodes on one path draw independently (a 50/50 under a 50/50 gives four 25%s).
// FNV-1a (32-bit) over the node id, a separator and the call id, then murmur3's finaliser: FNV
// alone changes the low bits too little between call ids that differ in one trailing character.

export const POINTS = 10_000;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1a(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** The hash state after the node's id, worked out once when the plan is compiled. */
export const percentSalt = (nodeId: string): number => fnv1a(FNV_OFFSET, `${nodeId}\u0000`);

/** The call's point in [0, 10000) at the node whose salt this is. */
export function percentPoint(salt: number, callId: string): number {
  let hash = fnv1a(salt, callId);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return Math.floor(((hash >>> 0) * POINTS) / 0x1_0000_0000);
}
