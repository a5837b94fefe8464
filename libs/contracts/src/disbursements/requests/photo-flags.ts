/**
 * What the verifier should look at twice in a progress photo. FAR_FROM_VILLAGE and TAKEN_LONG_BEFORE
 * are warnings (the photo may show other works, or old ones); NO_LOCATION and NO_CAPTURE_TIME are
 * information (many phones or apps strip EXIF): none of them refuses the report. Apart from the
 * schemas, so that the console's badges list them without zod.
 */
export const PHOTO_FLAGS = ['FAR_FROM_VILLAGE', 'TAKEN_LONG_BEFORE', 'NO_LOCATION', 'NO_CAPTURE_TIME'] as const;
export type PhotoFlag = (typeof PHOTO_FLAGS)[number];

/** The flags that are warnings: a report's `photoWarnings` lists those raised by any of its photos. */
export const PHOTO_WARNING_FLAGS = ['FAR_FROM_VILLAGE', 'TAKEN_LONG_BEFORE'] as const satisfies readonly PhotoFlag[];
