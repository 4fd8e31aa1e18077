import type { Destination, RoutingPlan } from '../plan/model.js';

// What the toll-free routes answer, as the page reads them.

export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  /** Where in the tree, for programs: `root.branches[0].next`. */
  path: string;
  /** Where in the tree, in words. */
  where: string;
  nodeId: string;
  message: string;
}

export interface NumberRow {
  number: string;
  tenantId: string;
  plan: { id: string; name: string; activeVersion: number | null } | null;
  reroute: { id: string; destination: Destination; expiresAt: string } | null;
}

export interface StoredPlan {
  id: string;
  tenantId: string;
  name: string;
  revision: number;
  numbers: string[];
}

export type VersionState = 'draft' | 'scheduled' | 'active' | 'superseded';

export interface PlanVersion {
  planId: string;
  version: number;
  state: VersionState;
  plan: RoutingPlan;
  effectiveAt: string | null;
  createdBy: string;
  createdAt: string;
  activatedAt: string | null;
  supersededAt: string | null;
  problems?: Problem[];
}

export interface PlanWithVersions {
  plan: StoredPlan;
  versions: PlanVersion[];
}

export interface PlanChange {
  kind: string;
  nodeId: string;
  path: string;
  where: string;
  message: string;
}

export interface Customer {
  tenantId: string;
  timeZone: string | null;
  callCenters: Array<{ id: string; name: string; agents: number | null }>;
  announcements: Array<{ id: string; name: string }>;
}

export interface Reroute {
  id: string;
  tenantId: string;
  numbers: string[];
  destination: Destination;
  reason: string | null;
  expiresAt: string;
}

export interface OverCapacity {
  from: string;
  to: string;
  peak: number;
}

export interface Concurrency {
  peak: number;
  peakAt: string | null;
  callsOverCapacity: number;
  overCapacity: OverCapacity[];
  overCapacityStretches: number;
}

export interface WhatIf {
  version: number;
  state: VersionState;
  days: number;
  from: string;
  to: string;
  calls: number;
  changed: number;
  truncated: boolean;
  limit: number;
  replayedTo: string | null;
  destinations: Array<{ key: string; kind: string; label: string; actual: number; draft: number }>;
  callCenters: Array<{ callCenterId: string; label: string; agents: number | null; actual: Concurrency; draft: Concurrency; exceeded: boolean }>;
}
