/**
 * Residents of each US state (2020 census) and Canadian province or territory (2021 census), in
 * thousands, rounded: how likely a caller is to be from there. Territories of the US (PR, GU, VI,
 * AS, MP) are left out: their NANPA entries carry no comparable weight for a mainland customer's
 * toll-free traffic, and leaving them out keeps the demo's origins plausible.
 */
export const STATE_POPULATION_THOUSANDS: Readonly<Record<string, number>> = {
  CA: 39538, TX: 29146, FL: 21538, NY: 20201, PA: 13003, IL: 12813, OH: 11799, GA: 10712, NC: 10439, MI: 10077,
  NJ: 9289, VA: 8631, WA: 7705, AZ: 7152, MA: 7030, TN: 6911, IN: 6786, MD: 6177, MO: 6155, WI: 5894,
  CO: 5774, MN: 5706, SC: 5119, AL: 5024, LA: 4658, KY: 4506, OR: 4237, OK: 3959, CT: 3606, UT: 3272,
  IA: 3190, NV: 3105, AR: 3012, MS: 2961, KS: 2938, NM: 2118, NE: 1962, ID: 1839, WV: 1794, HI: 1455,
  NH: 1378, ME: 1362, RI: 1097, MT: 1084, DE: 990, SD: 887, ND: 779, AK: 733, DC: 690, VT: 643, WY: 577,
  ON: 14223, QC: 8501, BC: 5000, AB: 4262, MB: 1342, SK: 1132, NS: 969, NB: 775, NL: 510, PE: 154,
  NT: 41, YT: 40, NU: 37,
};
