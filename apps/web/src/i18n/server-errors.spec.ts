import { RefusalCode } from '@alur/contracts';
import { ApiError } from '../api/api-client';
import { MESSAGES } from './messages';
import { errorMessageOf, fieldReasonOf } from './server-errors';

describe('the console says why the services refused', () => {
  it.each(Object.entries(MESSAGES))('in %s, for every code a service refuses with, in words of its own', (_language, t) => {
    const unsaid = Object.values(RefusalCode).filter(
      (code) => fieldReasonOf({ field: 'x', reason: 'English', code }, t) === t.serverErrors.fieldInvalid,
    );
    expect(unsaid).toEqual([]);
  });

  it('says a progress report spending too much as the BKM reads it, and a taken SP2D number as BPKAD does', () => {
    const t = MESSAGES.id;
    const reason = (code: string) => fieldReasonOf({ field: 'amountSpent', reason: 'must not exceed…', code }, t);
    expect(reason(RefusalCode.AboveReleasedPlusSwadaya)).toBe('Melebihi dana yang sudah dicairkan ditambah swadaya.');
    expect(reason('invalid')).toBe('Isian ini belum benar.');
    const taken = new ApiError(409, 'SP2D number 0042 was already used for another release', [], RefusalCode.Sp2dTaken);
    expect(errorMessageOf(taken, t)).toBe('Nomor SP2D ini sudah dipakai.');
  });
});
