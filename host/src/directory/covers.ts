import type { Knex } from 'knex';
import type { SubjectRef } from '@switchboard/sdk';
import { isOperator, requireDelegable, type Actor } from './actor.js';
import type { Catalog } from './catalog.js';
import { entitlementsOf } from './identities.js';

/**
 * Refuses (403 `grant_exceeds_own`) unless the actor holds everything the subject's grants give,
 * at least as widely. Asked before an act that hands someone's standing back or to someone else:
 * enabling a disabled user, changing the address a reset would reach, resetting their second factor.
 */
export async function requireCovers(k: Knex, catalog: Catalog, actor: Actor, subject: SubjectRef, tenantId: string): Promise<void> {
  if (isOperator(actor)) return;
  requireDelegable(actor, (await entitlementsOf(k, catalog, subject, tenantId)).grants);
}
