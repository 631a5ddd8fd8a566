/**
 * `expectError` assertions of the unified format: client vs server origin, message substring,
 * code and code name (also inside bulk write errors), labels, the raw error response, and the
 * partial result a bulk write error carries.
 */
import { MongoBulkWriteError, MongoServerError, type Document } from 'mongodb';
import { match, type Entities } from './match.js';
import { bulkResult, Unsupported } from './operations.js';

/** A mismatch between what the test expects and what happened: the test fails. */
export class Failure extends Error {}

function errorMessages(err: Error): string[] {
  const out = [err.message];
  if (err instanceof MongoBulkWriteError)
    out.push(...[err.writeErrors].flat().map((w) => w.errmsg ?? ''));
  return out;
}

function errorCodes(err: Error): { codes: number[]; names: string[] } {
  const codes: number[] = [];
  const names: string[] = [];
  if (err instanceof MongoServerError) {
    if (typeof err.code === 'number') codes.push(err.code);
    if (err.codeName) names.push(err.codeName);
    const resp = err.errorResponse as Document | undefined;
    if (resp?.codeName) names.push(String(resp.codeName));
  }
  if (err instanceof MongoBulkWriteError) {
    for (const w of [err.writeErrors].flat()) {
      codes.push(w.code);
      const name = (w.err as Document | undefined)?.codeName;
      if (name) names.push(String(name));
    }
  }
  return { codes, names: names.map((n) => n.toLowerCase()) };
}

/** Throws Failure when `err` does not meet the test's `expectError`. */
export function checkError(expected: Document, err: Error, entities: Entities): void {
  const isServer = err instanceof MongoServerError;
  if (expected.isClientError === true && isServer)
    throw new Failure(`expected a client error, got server error: ${err.message}`);
  if (expected.isClientError === false && !isServer)
    throw new Failure(`expected a server error, got ${err.name}: ${err.message}`);
  if (expected.isTimeoutError) throw new Unsupported('timeout errors are not exercised');
  if (expected.errorContains) {
    const needle = String(expected.errorContains).toLowerCase();
    if (!errorMessages(err).some((m) => m.toLowerCase().includes(needle))) {
      throw new Failure(`error "${err.message}" does not contain "${expected.errorContains}"`);
    }
  }
  const { codes, names } = errorCodes(err);
  if (expected.errorCode !== undefined && !codes.includes(Number(expected.errorCode))) {
    throw new Failure(
      `expected error code ${expected.errorCode}, got ${codes.join(',') || 'none'} (${err.message})`,
    );
  }
  if (expected.errorCodeName && !names.includes(String(expected.errorCodeName).toLowerCase())) {
    throw new Failure(
      `expected code name ${expected.errorCodeName}, got ${names.join(',') || 'none'} (${err.message})`,
    );
  }
  const labelled = err as Error & { hasErrorLabel?: (l: string) => boolean };
  for (const label of (expected.errorLabelsContain as string[] | undefined) ?? []) {
    if (!labelled.hasErrorLabel?.(label)) throw new Failure(`error lacks label ${label}`);
  }
  for (const label of (expected.errorLabelsOmit as string[] | undefined) ?? []) {
    if (labelled.hasErrorLabel?.(label)) throw new Failure(`error has label ${label}`);
  }
  if (expected.errorResponse) {
    const diff = match(
      expected.errorResponse,
      isServer ? (err as MongoServerError).errorResponse : undefined,
      true,
      entities,
    );
    if (diff) throw new Failure(`errorResponse: ${diff}`);
  }
  if (expected.expectResult !== undefined) {
    const partial = err instanceof MongoBulkWriteError ? bulkResult(err.result) : undefined;
    const diff = match(expected.expectResult, partial, true, entities);
    if (diff) throw new Failure(`error result: ${diff}`);
  }
  if (expected.writeErrors || expected.writeConcernErrors)
    throw new Unsupported('client bulkWrite error details are not checked');
}
