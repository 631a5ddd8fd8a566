/**
 * The programme's eleven countries and territories (codes are ISO 3166-1 alpha-2; Kosovo uses the
 * user-assigned XK that the EU and most software use), plus 'other' for people from elsewhere.
 */
export const COUNTRIES = [
  { code: 'AL', name: 'Albania' },
  { code: 'BA', name: 'Bosnia and Herzegovina' },
  { code: 'BG', name: 'Bulgaria' },
  { code: 'HR', name: 'Croatia' },
  { code: 'GR', name: 'Greece' },
  { code: 'XK', name: 'Kosovo' },
  { code: 'MK', name: 'North Macedonia' },
  { code: 'ME', name: 'Montenegro' },
  { code: 'RO', name: 'Romania' },
  { code: 'RS', name: 'Serbia' },
  { code: 'SI', name: 'Slovenia' },
] as const;

export const OTHER_COUNTRY = { code: 'other', name: 'Other' } as const;

export type ProgrammeCountryCode = (typeof COUNTRIES)[number]['code'];
export type CountryCode = ProgrammeCountryCode | 'other';

/** Every accepted code, programme countries first then 'other'. */
export const COUNTRY_CODES: readonly CountryCode[] = [...COUNTRIES.map((c) => c.code), 'other'];

/** Options for a <select>: the eleven countries then "Other". */
export const COUNTRY_OPTIONS: ReadonlyArray<{ value: CountryCode; label: string }> = [
  ...COUNTRIES.map((c) => ({ value: c.code as CountryCode, label: c.name })),
  { value: 'other', label: OTHER_COUNTRY.name },
];

export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && (COUNTRY_CODES as readonly string[]).includes(value);
}

export function countryName(code: string): string {
  if (code === 'other') return OTHER_COUNTRY.name;
  return COUNTRIES.find((c) => c.code === code)?.name ?? code;
}
