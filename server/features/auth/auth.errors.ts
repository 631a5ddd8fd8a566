import { BadRequestError } from '../../lib/errors.js';

/** The current password given to confirm a change is wrong (shown beside that field). */
export class WrongPasswordError extends BadRequestError {
  constructor() {
    super('Your current password is not right.');
  }
}
