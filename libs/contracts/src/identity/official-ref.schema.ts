import { z } from 'zod';

/**
 * A person named in an answer: who prepared or authorised an SPM, who reported progress or verified
 * it, who acts as Plt/Plh for whom. The services know them by id and username; the gateway, which owns
 * the users, adds the name it knows them by ("PPK-SKPD BPKAD Kabupaten Bengkalis") to what the console reads.
 */
export const OfficialRefSchema = z.object({ userId: z.string(), username: z.string(), displayName: z.string().optional() });
export type OfficialRef = z.infer<typeof OfficialRefSchema>;
