/**
 * The one error handler: maps AppError kin, mongoose, multer, body-parser and CSRF errors to a
 * status and a message safe to show, as a page in the layout or as JSON. Anything unexpected is a
 * 500 whose details are logged with the request id and never shown.
 */
import type { NextFunction, Request, Response } from 'express';
import mongoose from 'mongoose';
import multer from 'multer';
import { AppError, FormError, NotFoundError } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { formatBytes } from '../lib/format.js';
import { isCsrfError } from './csrf.js';
import { wantsJson } from './guards.js';

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const MULTER_MESSAGES: Record<string, string> = {
  LIMIT_FILE_SIZE: 'The file is too large.',
  LIMIT_FILE_COUNT: 'Too many files were sent.',
  LIMIT_UNEXPECTED_FILE: 'A file was sent in an unexpected field or there were too many files.',
  LIMIT_FIELD_VALUE: 'A form field is too long.',
  LIMIT_PART_COUNT: 'The form has too many parts.',
};

function map(err: unknown): Mapped {
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, message: err.message, details: err.details };
  }
  if (isCsrfError(err)) {
    return { status: 403, code: 'csrf', message: 'This form has expired; reload and try again.' };
  }
  if (err instanceof mongoose.Error.CastError) {
    return { status: 404, code: 'not_found', message: new NotFoundError().message };
  }
  if (err instanceof mongoose.Error.ValidationError) {
    const fieldErrors = Object.fromEntries(
      Object.entries(err.errors).map(([field, e]) => [field, e.message]),
    );
    return {
      status: 422,
      code: 'invalid',
      message: 'Some values are not valid.',
      details: { fieldErrors },
    };
  }
  if (err instanceof multer.MulterError) {
    return {
      status: 413,
      code: err.code.toLowerCase(),
      message: MULTER_MESSAGES[err.code] ?? 'The upload was refused.',
    };
  }
  const httpish = err as { status?: unknown; type?: unknown; limit?: unknown; expose?: unknown };
  if (httpish?.type === 'entity.too.large') {
    const limit =
      typeof httpish.limit === 'number' ? ` (the limit is ${formatBytes(httpish.limit)})` : '';
    return { status: 413, code: 'payload_too_large', message: `The request is too large${limit}.` };
  }
  if (
    typeof httpish?.status === 'number' &&
    httpish.status >= 400 &&
    httpish.status < 500 &&
    httpish.expose
  ) {
    return {
      status: httpish.status,
      code: 'bad_request',
      message: 'The request could not be understood.',
    };
  }
  return { status: 500, code: 'internal_error', message: 'Something went wrong on our side.' };
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Changed in the meantime',
  413: 'Too large',
  415: 'File type not accepted',
  422: 'Please check the form',
  429: 'Too many attempts',
  500: 'Something went wrong',
};

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError());
}

export function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const mapped = map(err);
  const requestId = String(req.id ?? '');
  if (mapped.status >= 500) {
    (req.log ?? logger).error({ err, requestId }, 'request failed');
  } else {
    (req.log ?? logger).debug({ status: mapped.status, code: mapped.code }, mapped.message);
  }
  res.status(mapped.status);

  if (wantsJson(req)) {
    res.json({
      error: {
        status: mapped.status,
        code: mapped.code,
        message: mapped.message,
        ...(mapped.details ?? {}),
        ...(mapped.status >= 500 ? { requestId } : {}),
      },
    });
    return;
  }

  if (err instanceof FormError) {
    res.render(
      err.view,
      {
        title: TITLES[422],
        ...err.locals,
        fieldErrors: err.fieldErrors,
        values: err.values,
        formError: err.message,
      },
      (renderErr, html) => (renderErr ? renderFallback(req, res, renderErr) : res.send(html)),
    );
    return;
  }

  res.render(
    'errors/error',
    {
      title: TITLES[mapped.status] ?? 'Error',
      status: mapped.status,
      code: mapped.code,
      message: mapped.message,
      requestId: mapped.status >= 500 ? requestId : undefined,
    },
    (renderErr, html) => (renderErr ? renderFallback(req, res, renderErr) : res.send(html)),
  );
}

/** When even the error page cannot render, answer in plain text rather than hang. */
function renderFallback(req: Request, res: Response, renderErr: Error): void {
  (req.log ?? logger).error({ err: renderErr }, 'error page failed to render');
  res.status(500).type('text/plain').send('Something went wrong on our side.');
}
