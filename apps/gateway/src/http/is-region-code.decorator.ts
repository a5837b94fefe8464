import { Matches } from 'class-validator';

/** A Kemendagri region code at any level: `14`, `14.03`, `14.03.09` or `14.03.09.1004`. */
export const IsRegionCode = () =>
  Matches(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, {
    message: ({ property }) => `${property} must be a Kemendagri region code such as 14.03.09`,
  });
