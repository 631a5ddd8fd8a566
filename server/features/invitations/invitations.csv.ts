/**
 * Bulk invitations pasted as CSV: `name, email, role, country, cohort` (a header line is optional,
 * cohort may be empty). Each line is checked on its own; bad lines are reported with their line
 * number and reason and the good ones still go through.
 */
import { z } from 'zod';
import { COUNTRIES, isCountryCode, type CountryCode } from '../../lib/countries.js';
import { isRole, type Role } from '../../lib/roles.js';

export interface CsvInvite {
  line: number;
  name: string;
  email: string;
  role: Role;
  country?: CountryCode;
  cohort?: string;
}

export interface CsvProblem {
  line: number;
  text: string;
  message: string;
}

/** Splits one CSV line, honouring double quotes ("a, b" and "" inside quotes). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';' || ch === '\t') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

function countryCode(value: string): CountryCode | undefined {
  const v = value.trim();
  if (isCountryCode(v.toUpperCase())) return v.toUpperCase() as CountryCode;
  if (v.toLowerCase() === 'other') return 'other';
  return COUNTRIES.find((c) => c.name.toLowerCase() === v.toLowerCase())?.code;
}

const emailSchema = z.email();

function checkRow(cells: string[]): { row?: Omit<CsvInvite, 'line'>; message?: string } {
  if (cells.length < 3)
    return { message: 'expected name, email, role, country and cohort separated by commas' };
  const [name, email, role, country = '', cohort = ''] = cells;
  if (!name) return { message: 'the name is missing' };
  if (name.length > 120) return { message: 'the name is longer than 120 characters' };
  if (!emailSchema.safeParse(email).success)
    return { message: `"${email}" is not a valid email address` };
  const roleName = role.toLowerCase();
  if (!isRole(roleName))
    return { message: `"${role}" is not a role (innovator, mentor, ambassador, author or admin)` };
  const code = country ? countryCode(country) : undefined;
  if (country && !code)
    return { message: `"${country}" is not one of the programme's countries (or "other")` };
  return {
    row: {
      name,
      email: email.toLowerCase(),
      role: roleName,
      country: code,
      cohort: cohort || undefined,
    },
  };
}

/** Parses pasted CSV into invitations to send and per-line problems. */
export function parseInvitationCsv(text: string): { rows: CsvInvite[]; problems: CsvProblem[] } {
  const rows: CsvInvite[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    const cells = splitCsvLine(raw);
    if (line === 1 && cells[0]?.toLowerCase() === 'name' && cells[1]?.toLowerCase() === 'email')
      return;
    const { row, message } = checkRow(cells);
    if (!row) return problems.push({ line, text: raw, message: message! });
    const earlier = seen.get(row.email);
    if (earlier)
      return problems.push({
        line,
        text: raw,
        message: `${row.email} already appears on line ${earlier}`,
      });
    seen.set(row.email, line);
    rows.push({ line, ...row });
  });
  return { rows, problems };
}
