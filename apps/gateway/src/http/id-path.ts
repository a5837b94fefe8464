import { z } from 'zod';
import { Uuid } from '@alur/contracts';

/** `/…/:id` naming one thing by its UUID: the whole input of a read such as `GET /uploads/photos/:id`. */
export const IdPath = z.strictObject({ id: Uuid });
export type IdPath = z.infer<typeof IdPath>;
