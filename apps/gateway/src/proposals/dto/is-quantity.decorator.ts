import { applyDecorators } from '@nestjs/common';
import { Max, Min, ValidateBy } from 'class-validator';

/** The largest quantity a RAB line may carry: far beyond any real one, still exact in hundredths. */
export const MAX_QUANTITY = 1_000_000_000;

/**
 * A RAB quantity: a finite number with at most two decimals, from 0.01. Counted in hundredths, so
 * that a number written with an exponent (1e-7) is judged by its value; class-validator's
 * maxDecimalPlaces reads the decimals from the text and throws on it.
 */
export const IsQuantity = () =>
  applyDecorators(
    ValidateBy({
      name: 'isQuantity',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6,
        defaultMessage: () => '$property must be a number with at most 2 decimals',
      },
    }),
    Min(0.01),
    Max(MAX_QUANTITY),
  );
