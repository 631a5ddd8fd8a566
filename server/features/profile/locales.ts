/** Interface languages a person can prefer (stored now; translations come later). */
export const LOCALE_OPTIONS = [
  { value: 'en', label: 'English' },
  { value: 'sq', label: 'Shqip' },
  { value: 'bs', label: 'Bosanski' },
  { value: 'bg', label: 'Български' },
  { value: 'el', label: 'Ελληνικά' },
  { value: 'hr', label: 'Hrvatski' },
  { value: 'mk', label: 'Македонски' },
  { value: 'cnr', label: 'Crnogorski' },
  { value: 'ro', label: 'Română' },
  { value: 'sr', label: 'Srpski' },
  { value: 'sl', label: 'Slovenščina' },
] as const;

export const LOCALE_CODES = LOCALE_OPTIONS.map((l) => l.value) as [string, ...string[]];
