/**
 * Where demo customers live. City, region, postal code, phone area code and IANA zone agree with each
 * other, so the contact-policy time window (DOMAIN.md §6) has real zones to disagree about.
 */
export type Country = 'US' | 'MX';

export interface Place {
  city: string;
  region: string;
  country: Country;
  timeZone: string;
  /** First digits of the postal code; the rest is random. */
  postalPrefix: string;
  areaCodes: readonly string[];
  weight: number;
}

const us = (city: string, region: string, timeZone: string, postalPrefix: string, areaCodes: string[], weight: number): Place => ({
  city, region, country: 'US', timeZone, postalPrefix, areaCodes, weight,
});
const mx = (city: string, region: string, timeZone: string, postalPrefix: string, areaCodes: string[], weight: number): Place => ({
  city, region, country: 'MX', timeZone, postalPrefix, areaCodes, weight,
});

const NY = 'America/New_York';
const CHI = 'America/Chicago';
const DEN = 'America/Denver';
const LA = 'America/Los_Angeles';
const PHX = 'America/Phoenix';
const CDMX = 'America/Mexico_City';
const TIJ = 'America/Tijuana';
const CUN = 'America/Cancun';

export const PLACES: readonly Place[] = [
  us('New York', 'NY', NY, '100', ['212', '718', '917', '646'], 12),
  us('Philadelphia', 'PA', NY, '191', ['215', '267'], 5),
  us('Boston', 'MA', NY, '021', ['617', '857'], 4),
  us('Atlanta', 'GA', NY, '303', ['404', '678', '470'], 5),
  us('Miami', 'FL', NY, '331', ['305', '786'], 6),
  us('Charlotte', 'NC', NY, '282', ['704', '980'], 3),
  us('Detroit', 'MI', NY, '482', ['313'], 3),
  us('Chicago', 'IL', CHI, '606', ['312', '773', '872'], 9),
  us('Houston', 'TX', CHI, '770', ['713', '281', '832'], 8),
  us('Dallas', 'TX', CHI, '752', ['214', '469', '972'], 6),
  us('San Antonio', 'TX', CHI, '782', ['210', '726'], 5),
  us('Minneapolis', 'MN', CHI, '554', ['612'], 2),
  us('Nashville', 'TN', CHI, '372', ['615', '629'], 2),
  us('Denver', 'CO', DEN, '802', ['303', '720'], 4),
  us('Salt Lake City', 'UT', DEN, '841', ['801', '385'], 2),
  us('Albuquerque', 'NM', DEN, '871', ['505'], 2),
  us('El Paso', 'TX', DEN, '799', ['915'], 2),
  us('Los Angeles', 'CA', LA, '900', ['213', '310', '323', '818'], 12),
  us('San Diego', 'CA', LA, '921', ['619', '858'], 5),
  us('San Jose', 'CA', LA, '951', ['408', '669'], 3),
  us('Seattle', 'WA', LA, '981', ['206', '253'], 3),
  us('Las Vegas', 'NV', LA, '891', ['702', '725'], 3),
  us('Phoenix', 'AZ', PHX, '850', ['602', '480', '623'], 5),
  us('Tucson', 'AZ', PHX, '857', ['520'], 2),
  mx('Ciudad de México', 'CDMX', CDMX, '0', ['55', '56'], 22),
  mx('Guadalajara', 'JAL', CDMX, '44', ['33'], 9),
  mx('Monterrey', 'NL', CDMX, '64', ['81'], 9),
  mx('Puebla', 'PUE', CDMX, '72', ['222'], 4),
  mx('Querétaro', 'QRO', CDMX, '76', ['442'], 3),
  mx('León', 'GTO', CDMX, '37', ['477'], 3),
  mx('Toluca', 'MEX', CDMX, '50', ['722'], 3),
  mx('Tijuana', 'BC', TIJ, '22', ['664'], 5),
  mx('Mexicali', 'BC', TIJ, '21', ['686'], 2),
  mx('Cancún', 'QROO', CUN, '77', ['998'], 4),
  mx('Playa del Carmen', 'QROO', CUN, '777', ['984'], 1),
];

export const ZONES: readonly string[] = [...new Set(PLACES.map((p) => p.timeZone))];

/** The §6 calling window in customer-local minutes: FDCPA for the US, the Mexico profile otherwise. */
export const CALL_WINDOW: Readonly<Record<Country, readonly [number, number]>> = {
  US: [8 * 60, 21 * 60],
  MX: [7 * 60, 22 * 60],
};

export const CURRENCY: Readonly<Record<Country, string>> = { US: 'USD', MX: 'MXN' };
