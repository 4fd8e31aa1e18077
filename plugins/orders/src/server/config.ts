/** The plugin's settings (`plugins.settings.orders`), with the defaults of its manifest's config schema applied. */
export interface OrdersConfig {
  /**
   * Days a number stays reserved for an order before it goes back to spare. At most 45, with no
   * extension: 47 CFR 52.103(b).
   */
  reservationDays: number;
  /**
   * Days a disconnected number ages before it is spare again: at least 45 and at most 4 months
   * (120 days here, the shortest four months): 47 CFR 52.103(d).
   */
  agingDays: number;
  /** How often lapsed reservations and aged disconnections go back to spare. */
  sweepIntervalMinutes: number;
}
