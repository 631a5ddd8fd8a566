/**
 * Validates an update document the way mongod does before touching any document: known
 * modifiers only, operands that are documents, no `$`-prefixed field names, and no two paths
 * that overlap (code 40 ConflictingUpdateOperators, message as mongod's).
 */
import { MongoCommandError } from '../errors.js';
import { isDocument, type Doc } from './values.js';

export const MODIFIERS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$setOnInsert',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
  '$bit',
]);

export interface UpdateEntry {
  op: string;
  path: string;
  parts: string[];
  arg: unknown;
}

/** True when an update document uses operators (as opposed to a replacement document). */
export function isOperatorUpdate(u: Doc): boolean {
  const keys = Object.keys(u);
  return keys.length > 0 && keys[0].startsWith('$');
}

function conflictAt(a: string[], b: string[]): string | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return null;
  return (a.length <= b.length ? a : b).join('.');
}

function checkPath(op: string, path: string): string[] {
  if (path === '')
    throw new MongoCommandError('FailedToParse', 'An empty update path is not valid.');
  const parts = path.split('.');
  for (const p of parts) {
    if (p === '') {
      throw new MongoCommandError(
        'FailedToParse',
        `The update path '${path}' contains an empty field name, which is not allowed.`,
      );
    }
  }
  const first = parts[0];
  if (first.startsWith('$')) {
    throw new MongoCommandError(
      'DollarPrefixedFieldName',
      `The dollar ($) prefixed field '${first}' in '${path}' is not valid for storage.`,
    );
  }
  if (op === '$rename' && parts.some((p) => p.startsWith('$'))) {
    throw new MongoCommandError(
      'BadValue',
      `The source field for $rename may not be dynamic: ${path}`,
    );
  }
  return parts;
}

/** Parses and validates an operator update into entries sorted by path (mongod 5+ order). */
export function parseUpdate(u: Doc): UpdateEntry[] {
  const entries: UpdateEntry[] = [];
  const claimed: { parts: string[]; path: string }[] = [];
  const claim = (path: string, parts: string[]) => {
    for (const c of claimed) {
      const at = conflictAt(c.parts, parts);
      if (at !== null) {
        throw new MongoCommandError(
          'ConflictingUpdateOperators',
          `Updating the path '${path}' would create a conflict at '${at}'`,
        );
      }
    }
    claimed.push({ parts, path });
  };
  for (const op of Object.keys(u)) {
    if (!op.startsWith('$')) {
      throw new MongoCommandError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!MODIFIERS.has(op)) {
      throw new MongoCommandError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const operand = u[op];
    if (!isDocument(operand)) {
      throw new MongoCommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${Array.isArray(operand) ? 'array' : typeof operand} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(operand) ?? 'undefined'}}`,
      );
    }
    for (const path of Object.keys(operand)) {
      const parts = checkPath(op, path);
      const arg = operand[path];
      claim(path, parts);
      if (op === '$rename') {
        if (typeof arg !== 'string')
          throw new MongoCommandError(
            'BadValue',
            `The 'to' field for $rename must be a string: ${path}: ${String(arg)}`,
          );
        if (arg === path)
          throw new MongoCommandError(
            'BadValue',
            `The source and target field for $rename must differ: ${path}: "${arg}"`,
          );
        claim(arg, checkPath(op, arg));
      }
      entries.push({ op, path, parts, arg });
    }
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return entries;
}
