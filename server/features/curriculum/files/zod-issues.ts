/** Turns zod issues on a YAML value into "file:line: reason" import issues. */
import type { z } from 'zod';
import type { ImportIssue, YamlSource } from './yaml-source.js';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top level)';
}

/** One import issue per zod issue, with the line of the offending key (or of its parent object). */
export function zodIssues(
  error: z.ZodError,
  source: YamlSource,
  raw: unknown,
  prefix: readonly PropertyKey[] = [],
): ImportIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    const where = fieldName(path);
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      return {
        file: source.file,
        line: source.lineOf([...path, key]),
        message: `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where} (check the spelling)`,
      };
    }
    const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined;
    const message = missing ? `missing required field "${where}"` : `${where}: ${issue.message}`;
    return { file: source.file, line: source.lineOf(path), message };
  });
}
