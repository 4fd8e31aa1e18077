/**
 * NANPA's LOCATION and COUNTRY columns to codes. US states already come as USPS codes; the
 * territories, the Canadian provinces and the other NANP countries come as names.
 */

/** NANPA's spelling of US territories -> USPS code. */
const US_TERRITORIES: Readonly<Record<string, string>> = {
  'PUERTO RICO': 'PR',
  USVI: 'VI',
  CNMI: 'MP',
  GU: 'GU',
  AS: 'AS',
};

/** NANPA's province names -> Canada Post codes; two names cover several provinces. */
const CANADIAN_PROVINCES: Readonly<Record<string, readonly string[]>> = {
  ALBERTA: ['AB'],
  'BRITISH COLUMBIA': ['BC'],
  MANITOBA: ['MB'],
  'NEW BRUNSWICK': ['NB'],
  'NEWFOUNDLAND AND LABRADOR': ['NL'],
  'NOVA SCOTIA - PRINCE EDWARD ISLAND': ['NS', 'PE'],
  ONTARIO: ['ON'],
  QUEBEC: ['QC'],
  SASKATCHEWAN: ['SK'],
  'YUKON-NW TERR. - NUNAVUT': ['YT', 'NT', 'NU'],
};

/** NANPA's COUNTRY names -> ISO 3166-1 alpha-2 (both spellings NANPA uses for some). */
const COUNTRIES: Readonly<Record<string, string>> = {
  US: 'US',
  CANADA: 'CA',
  ANGUILLA: 'AI',
  'ANTIGUA/BARBUDA': 'AG',
  BAHAMAS: 'BS',
  BARBADOS: 'BB',
  BERMUDA: 'BM',
  'BRITISH VIRGIN ISLANDS': 'VG',
  'CAYMAN ISLANDS': 'KY',
  DOMINICA: 'DM',
  'DOMINICAN REPUBLIC': 'DO',
  GRENADA: 'GD',
  JAMAICA: 'JM',
  MONTSERRAT: 'MS',
  'SINT MAARTEN': 'SX',
  'ST. KITTS AND NEVIS': 'KN',
  'ST. LUCIA': 'LC',
  'ST. VINCENT & GRENADINES': 'VC',
  'TRINIDAD AND TOBAGO': 'TT',
  'TURKS & CAICOS ISLANDS': 'TC',
};

export interface Place {
  states: string[];
  country: string | null;
}

/**
 * The place of a geographic NPA. Throws on a name this table does not know, so that a newer
 * report with a new province or country stops the build instead of yielding a blank origin.
 */
export function placeOf(npa: string, location: string, country: string): Place {
  const iso = COUNTRIES[country];
  if (!iso) throw new Error(`NPA ${npa}: unknown COUNTRY "${country}"`);
  if (iso === 'US') {
    const code = US_TERRITORIES[location] ?? (/^[A-Z]{2}$/.test(location) ? location : undefined);
    if (!code) throw new Error(`NPA ${npa}: unknown US LOCATION "${location}"`);
    return { states: [code], country: iso };
  }
  if (iso === 'CA') {
    const codes = CANADIAN_PROVINCES[location];
    if (!codes) throw new Error(`NPA ${npa}: unknown Canadian LOCATION "${location}"`);
    return { states: [...codes], country: iso };
  }
  // The other NANP countries have no state level the way origin routing uses one.
  return { states: [], country: iso };
}

/** The country of a non-geographic code: Canada's own (600, 622), the US government's (710), or all of NANP. */
export function nonGeographicCountry(npa: string, country: string): string | null {
  if (country === '') return null;
  const iso = COUNTRIES[country];
  if (!iso) throw new Error(`NPA ${npa}: unknown COUNTRY "${country}"`);
  return iso;
}
