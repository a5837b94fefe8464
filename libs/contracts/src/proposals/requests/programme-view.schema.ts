import { z } from 'zod';
import { ProgrammeDefinitionSchema } from '../programme-definition/programme-definition.schema';

export const PROGRAMME_VERSION_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type ProgrammeVersionStatus = (typeof PROGRAMME_VERSION_STATUSES)[number];

/** A programme version as the API shows it: its whole definition and where it stands. */
export const ProgrammeVersionViewSchema = ProgrammeDefinitionSchema.extend({
  status: z.enum(PROGRAMME_VERSION_STATUSES),
  createdAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
});
export type ProgrammeVersionView = z.infer<typeof ProgrammeVersionViewSchema>;

/** A programme: the version new proposals are written against and all its versions (drafts for admins only). */
export const ProgrammeSummarySchema = z.object({
  code: z.string(),
  /** The version new proposals are written against; null while only a draft exists. */
  latest: ProgrammeVersionViewSchema.nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.enum(PROGRAMME_VERSION_STATUSES),
      createdAt: z.iso.datetime(),
      publishedAt: z.iso.datetime().nullable(),
    }),
  ),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummarySchema>;
