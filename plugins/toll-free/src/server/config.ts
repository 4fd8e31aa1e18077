/** The plugin's settings (`plugins.settings.toll-free`), with the defaults of its manifest's config schema applied. */
export interface TollFreeConfig {
  /** What each customer has: the numbers its plans may route and the destinations they may name. */
  customers: CustomerSetting[];
  /** How often each host process looks for scheduled versions that are due. */
  schedulerSeconds: number;
}

export interface CustomerSetting {
  tenantId: string;
  /** The customer's toll-free numbers, E.164. */
  numbers: string[];
  /** Its own IANA zone, when the carrier has said: the page offers scheduling on this clock. */
  timeZone?: string;
  /** Its call centers; an id is the traffic simulator's destination id for the same call center. */
  callCenters: CallCenterSetting[];
  /** Its recorded announcements. */
  announcements: NamedTarget[];
}

export interface NamedTarget {
  id: string;
  name?: string;
  /** Where a SIP proxy sends the call (the rtjson answer's `uri`), when the carrier has said. */
  uri?: string;
}

export interface CallCenterSetting extends NamedTarget {
  /** How many calls it holds at once, when the carrier has said: what-if replays warn where a plan would send more. */
  agents?: number;
}
