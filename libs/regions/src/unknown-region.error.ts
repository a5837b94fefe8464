/** Thrown by `RegionDirectory.getOrThrow` for a code that is not in the official list. */
export class UnknownRegionError extends Error {
  constructor(readonly regionCode: string) {
    super(`Unknown region code "${regionCode}": not in the Kemendagri list shipped by idn-area-data`);
    this.name = 'UnknownRegionError';
  }
}
