import type { AsteriskDropFolderSetting } from './drop-folder/asterisk-drop-folder.js';

/** The plugin's settings (`plugins.settings.traffic`), with the defaults of its manifest's config schema applied. */
export interface TrafficConfig {
  /** Days raw call records are kept, by start time; rollups are kept for good. */
  rawRetentionDays: number;
  /** How often the retention purge runs. */
  purgeIntervalMinutes: number;
  /** Largest NDJSON or Master.csv upload, in bytes (JSON arrays are held whole and capped lower). */
  uploadMaxBytes: number;
  /** Folders Asterisk switches drop finished Master.csv files into. */
  asteriskDropFolders: AsteriskDropFolderSetting[];
  /** How often the drop folders are looked at. */
  dropFolderPollSeconds: number;
  /** The embedded network simulator (off unless enabled). */
  simulator: SimulatorConfig;
}

export interface SimulatorConfig {
  /** Whether this host process generates simulated calls. */
  enabled: boolean;
  /** How often arrivals are generated and the calls that ended are sent. */
  tickMilliseconds: number;
  customers: SimulatedCustomerConfig[];
}

export interface SimulatedCustomerConfig {
  /** The tenant the numbers are assigned to, once it exists. */
  tenantId: string;
  /** IANA zone of the daily traffic profile. */
  timeZone: string;
  /** Arrival rate at the daily peak. */
  callsPerMinute: number;
  /** The customer's dialed numbers, E.164. */
  numbers: string[];
  destinations: SimulatedDestinationConfig[];
}

export interface SimulatedDestinationConfig {
  /** Unique among all simulated customers' destinations (the control API addresses it by id alone). */
  id: string;
  name?: string;
  /** Whether the destination is one of the customer's call centers. */
  callCenter: boolean;
  /** Calls it holds at once. */
  agents: number;
  /** Mean talk time of an answered call. */
  handleSeconds: number;
  /** Share of the default route. */
  weight: number;
}
