import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** Whole rupiah: an integer from 0 up to the largest integer JSON carries exactly. */
export const IsRupiah = () =>
  applyDecorators(
    IsInt({ message: '$property must be whole rupiah (an integer)' }),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER, { message: '$property is beyond the largest amount the system carries' }),
  );
