/**
 * Reads the CSRF token of a multipart form before anything else reads the body: our forms put
 * `<input type="hidden" name="_csrf">` first, so the token is the first part. The bytes read are
 * put back on the request stream, so multer then parses the whole body as if nothing happened,
 * and no file is written for a request whose token is wrong.
 */
import type { Request } from 'express';

const MAX_PEEK_BYTES = 16 * 1024;

function boundaryOf(req: Request): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
  return match?.[1] ?? match?.[2];
}

/** The value of the first part when it is a `_csrf` field (not a file); otherwise undefined. */
export function firstFieldToken(body: Buffer, boundary: string): string | undefined | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const start = body.indexOf(delimiter);
  if (start !== 0) return body.length >= delimiter.length ? undefined : null;
  const headersEnd = body.indexOf('\r\n\r\n', start);
  if (headersEnd < 0) return null;
  const headers = body.subarray(start + delimiter.length, headersEnd).toString('utf8');
  if (!/name="_csrf"/i.test(headers) || /filename=/i.test(headers)) return undefined;
  const valueEnd = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4);
  if (valueEnd < 0) return null; // not all there yet
  return body.subarray(headersEnd + 4, valueEnd).toString('utf8');
}

/**
 * Reads just enough of a multipart body to find a leading `_csrf` field, then unshifts what it
 * read. Resolves undefined when the first part is something else (the request will be refused).
 */
export function peekMultipartToken(req: Request): Promise<string | undefined> {
  const boundary = boundaryOf(req);
  if (!boundary) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (token: string | undefined, putBack: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.pause();
      // Synchronously inside the 'data' handler, so before any 'end' event: unshift is allowed.
      if (putBack && chunks.length) req.unshift(Buffer.concat(chunks));
      resolve(token);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const token = firstFieldToken(Buffer.concat(chunks), boundary);
      if (token !== null) done(token, true);
      else if (size >= MAX_PEEK_BYTES) done(undefined, true);
    };
    // The whole body arrived without a complete leading _csrf part: it will be refused anyway.
    const onEnd = () => done(undefined, false);
    const onError = (err: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
