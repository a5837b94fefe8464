import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { InvalidInputError } from '@alur/contracts';
import { createValidationPipe } from './validation';

/** A body as a route without ContractInput would read it. */
const PLAIN_BODY: ArgumentMetadata = { type: 'body', metatype: Object };

async function rejectionOf(body: unknown, metadata: ArgumentMetadata = PLAIN_BODY) {
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return { errors: (error as InvalidInputError).errors };
  }
  throw new Error('the body was accepted');
}

describe('the gateway validation pipe', () => {
  it('refuses text no database stores and input nested too deep, naming the field, before any validator runs', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1500; i++) deep = [deep];
    for (const metadata of [PLAIN_BODY, { type: 'query', metatype: Object } as const]) {
      expect(await rejectionOf({ title: 'a\u0000b', budgetItems: [] }, metadata)).toMatchObject({
        errors: [{ field: 'title', code: 'text_nul' }],
      });
      expect(await rejectionOf({ title: 'a\ud800', budgetItems: [] }, metadata)).toMatchObject({
        errors: [{ field: 'title', code: 'text_lone_surrogate' }],
      });
      expect(await rejectionOf({ title: 'Jalan', budgetItems: [{ description: 'Semen \udc00', quantity: 1 }] }, metadata)).toMatchObject({
        errors: [{ field: 'budgetItems.0.description', code: 'text_lone_surrogate' }],
      });
      expect(await rejectionOf({ title: 'Jalan', budgetItems: deep }, metadata)).toMatchObject({
        errors: [{ field: expect.stringMatching(/^budgetItems\.0\.0/), code: 'too_deep' }],
      });
      // A well-formed pair (an emoji) is text like any other.
      expect(createValidationPipe().transform({ title: 'Jalan 🚧', budgetItems: [] }, metadata)).toMatchObject({ title: 'Jalan 🚧' });
    }
  });

  it('names a refused route parameter by its name', async () => {
    expect(await rejectionOf('a\u0000b', { type: 'param', metatype: String, data: 'id' })).toMatchObject({
      errors: [{ field: 'id', code: 'text_nul' }],
    });
  });

  it('leaves custom parameters (ContractInput, the current actor) to their own pipes', async () => {
    const value = { title: 'a\u0000b', isAdmin: true };
    expect(createValidationPipe().transform(value, { type: 'custom', metatype: Object })).toBe(value);
  });
});
