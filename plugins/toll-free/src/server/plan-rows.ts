import type { RoutingPlan } from '../plan/model.js';

/** The registry's SAVED, PENDING, ACTIVE and OLD. */
export type VersionState = 'draft' | 'scheduled' | 'active' | 'superseded';

/** A routing plan as stored: its name, the numbers it routes and the revision an edit must name. */
export interface StoredPlan {
  id: string;
  tenantId: string;
  name: string;
  revision: number;
  numbers: string[];
  createdAt: string;
  updatedAt: string;
}

/** One version of a plan's tree and where it is in its life. */
export interface PlanVersion {
  planId: string;
  version: number;
  state: VersionState;
  plan: RoutingPlan;
  /** When a scheduled version takes (or an active one took) effect. */
  effectiveAt: string | null;
  createdBy: string;
  createdAt: string;
  activatedAt: string | null;
  supersededAt: string | null;
}

export interface PlanRow {
  id: string;
  tenant_id: string;
  name: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface VersionRow {
  plan_id: string;
  version: number;
  tenant_id: string;
  state: VersionState;
  tree: string;
  effective_at: string | null;
  created_by: string;
  created_at: string;
  activated_at: string | null;
  superseded_at: string | null;
}

export const toStoredPlan = (row: PlanRow, numbers: string[]): StoredPlan => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  revision: Number(row.revision),
  numbers,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toPlanVersion = (row: VersionRow): PlanVersion => ({
  planId: row.plan_id,
  version: Number(row.version),
  state: row.state,
  plan: JSON.parse(row.tree) as RoutingPlan,
  effectiveAt: row.effective_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
  activatedAt: row.activated_at,
  supersededAt: row.superseded_at,
});
