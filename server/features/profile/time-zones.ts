/** The time zones a person can pick on their profile: the programme's region first, then every zone Intl knows. */

/** The programme countries' zones (Kosovo and Serbia share Europe/Belgrade). */
const REGION_ZONES = [
  { value: 'Europe/Tirane', label: 'Europe/Tirane (Albania)' },
  { value: 'Europe/Sarajevo', label: 'Europe/Sarajevo (Bosnia and Herzegovina)' },
  { value: 'Europe/Sofia', label: 'Europe/Sofia (Bulgaria)' },
  { value: 'Europe/Zagreb', label: 'Europe/Zagreb (Croatia)' },
  { value: 'Europe/Athens', label: 'Europe/Athens (Greece)' },
  { value: 'Europe/Belgrade', label: 'Europe/Belgrade (Kosovo and Serbia)' },
  { value: 'Europe/Skopje', label: 'Europe/Skopje (North Macedonia)' },
  { value: 'Europe/Podgorica', label: 'Europe/Podgorica (Montenegro)' },
  { value: 'Europe/Bucharest', label: 'Europe/Bucharest (Romania)' },
  { value: 'Europe/Ljubljana', label: 'Europe/Ljubljana (Slovenia)' },
];

const regionValues = new Set(REGION_ZONES.map((z) => z.value));

/** Select options: the region's zones, then the rest alphabetically (as Intl lists them). */
export const TIME_ZONE_OPTIONS: { value: string; label: string }[] = [
  ...REGION_ZONES,
  ...Intl.supportedValuesOf('timeZone')
    .filter((tz) => !regionValues.has(tz))
    .map((tz) => ({ value: tz, label: tz })),
];
