import { Agenda } from 'agenda';
describe('toolchain', () => {
  it('imports ESM-only agenda', () => {
    expect(typeof Agenda).toBe('function');
  });
});
