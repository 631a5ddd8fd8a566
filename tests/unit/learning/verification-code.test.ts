import { newVerificationCode, normaliseCode } from '../../../server/features/certificates/verification-code.js';

describe('certificate verification codes', () => {
  it('are three groups of four unambiguous characters, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newVerificationCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });

  it('forgive case, spaces and missing dashes when typed back', () => {
    expect(normaliseCode('k7qm 4xhd 9rta')).toBe('K7QM-4XHD-9RTA');
    expect(normaliseCode('K7QM4XHD9RTA')).toBe('K7QM-4XHD-9RTA');
  });

  it('refuse anything that cannot be a code', () => {
    expect(normaliseCode('K7QM-4XHD')).toBeNull();
    expect(normaliseCode('O0I1-4XHD-9RTA')).toBeNull();
    expect(normaliseCode('<script>')).toBeNull();
  });
});
