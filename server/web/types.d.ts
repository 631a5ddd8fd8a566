/**
 * Express type augmentations shared by every feature. The accounts feature's passport
 * deserializer builds `Express.User`; the uploads middleware fills `req.uploads`.
 */
import type { Role } from '../lib/roles.js';
import type { StoredUpload } from '../features/uploads/uploads.types.js';
import type { FlashMessages, FlashType } from './flash.js';

declare global {
  namespace Express {
    interface User {
      id: string;
      email: string;
      name: string;
      roles: Role[];
      countries: string[];
      locale?: string;
      /** IANA zone from the profile; unset = the platform default. */
      timeZone?: string;
      mustChangePassword?: boolean;
    }

    interface Request {
      /** Queues a message for the next rendered page; without a message, takes that type's queue. */
      flash(type: FlashType, message: string): void;
      flash(type: FlashType): string[];
      /** Files accepted by `uploadFiles()` for this request. */
      uploads?: StoredUpload[];
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessages;
  }
}

export {};
