/** The plugin's settings (`plugins.settings.traffic`), with the defaults of its manifest's config schema applied. */
export interface TrafficConfig {
  /** Days raw call records are kept, by start time; rollups are kept for good. */
  rawRetentionDays: number;
  /** How often the retention purge runs. */
  purgeIntervalMinutes: number;
  /** Largest NDJSON or Master.csv upload, in bytes (JSON arrays are held whole and capped lower). */
  uploadMaxBytes: number;
}
