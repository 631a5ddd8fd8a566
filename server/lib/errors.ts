/**
 * One error hierarchy for the whole app. `message` is always safe to show to the person; details
 * meant for operators go in `cause` and are only logged. The error handler maps these to pages/JSON.
 */

export interface AppErrorOptions {
  /** Machine-readable code for JSON clients, e.g. 'not_found'. */
  code?: string;
  /** The underlying error, logged but never shown. */
  cause?: unknown;
  /** Extra fields included in JSON responses (must be safe to show). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(status: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = options.code ?? defaultCode(status);
    this.details = options.details;
  }
}

function defaultCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'unprocessable_entity',
    429: 'too_many_requests',
  };
  return codes[status] ?? (status >= 500 ? 'internal_error' : 'error');
}

export class BadRequestError extends AppError {
  constructor(message = 'The request could not be understood.', options?: AppErrorOptions) {
    super(400, message, options);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Please sign in to continue.', options?: AppErrorOptions) {
    super(401, message, options);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that.', options?: AppErrorOptions) {
    super(403, message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'We could not find that page.', options?: AppErrorOptions) {
    super(404, message, options);
  }
}

export class ConflictError extends AppError {
  constructor(
    message = 'That conflicts with a change made in the meantime.',
    options?: AppErrorOptions,
  ) {
    super(409, message, options);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'The upload is too large.', options?: AppErrorOptions) {
    super(413, message, options);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'That type of file is not accepted.', options?: AppErrorOptions) {
    super(415, message, options);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message = 'Too many attempts; please wait a moment and try again.',
    options?: AppErrorOptions,
  ) {
    super(429, message, options);
  }
}

export interface FormErrorInit {
  /** The view to re-render, e.g. 'auth/login'. */
  view: string;
  /** Messages keyed by field name; '_form' holds a message about the whole form. */
  fieldErrors: Record<string, string>;
  /** What the person typed, shown back to them (never include passwords). */
  values?: Record<string, unknown>;
  /** Extra locals the view needs (title, the object being edited, ...). */
  locals?: Record<string, unknown>;
  /** Defaults to 422. */
  status?: number;
  message?: string;
}

/** A form that failed validation: the error handler re-renders `view` with the messages. */
export class FormError extends AppError {
  readonly view: string;
  readonly fieldErrors: Record<string, string>;
  readonly values: Record<string, unknown>;
  readonly locals: Record<string, unknown>;

  constructor(init: FormErrorInit) {
    super(init.status ?? 422, init.message ?? 'Please correct the errors below.', {
      code: 'invalid_form',
      details: { fieldErrors: init.fieldErrors },
    });
    this.view = init.view;
    this.fieldErrors = init.fieldErrors;
    this.values = init.values ?? {};
    this.locals = init.locals ?? {};
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
