/** When a fiscal year closes for releases in a regency. */
export interface ReleasesClosing {
  regencyCode: string;
  fiscalYear: number;
  /** The instant after which no tranche of that year may be released. */
  releasesCloseAt: Date;
  /** True when BPKAD set no date: the year then closes at its very end, midnight of 1 January in the regency's time zone. */
  isDefault: boolean;
}
