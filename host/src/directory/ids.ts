import { randomBytes } from 'node:crypto';

/** A new random id with a readable prefix (`user_3f9c...`): 80 bits, unguessable and collision-free in practice. */
export const newId = (prefix: 'user' | 'role' | 'grant' | 'client'): string => `${prefix}_${randomBytes(10).toString('hex')}`;
