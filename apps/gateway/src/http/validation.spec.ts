import 'reflect-metadata';
import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { createValidationPipe } from './validation';

class BudgetItem {
  @IsString() description: string;
  @IsInt() @Min(1) quantity: number;
}
class Draft {
  @IsString() title: string;
  @ValidateNested({ each: true }) @Type(() => BudgetItem) budgetItems: BudgetItem[];
}

/** A body that is no DTO (as a route without one reads it): only the unsafe-input check applies. */
const PLAIN_BODY: ArgumentMetadata = { type: 'body', metatype: Object };

async function rejectionOf(body: unknown, metadata: ArgumentMetadata = { type: 'body', metatype: Draft }) {
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse();
  }
  throw new Error('the body was accepted');
}

describe('the gateway validation pipe', () => {
  it('refuses text no database stores and input nested too deep, naming the field, before any validator runs', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1500; i++) deep = [deep];
    for (const metadata of [PLAIN_BODY, { type: 'body', metatype: Draft } as const]) {
      expect(await rejectionOf({ title: 'a\u0000b', budgetItems: [] }, metadata)).toMatchObject({ errors: [{ field: 'title', code: 'text_nul' }] });
      expect(await rejectionOf({ title: 'a\ud800', budgetItems: [] }, metadata)).toMatchObject({ errors: [{ field: 'title', code: 'text_lone_surrogate' }] });
      expect(await rejectionOf({ title: 'Jalan', budgetItems: [{ description: 'Semen \udc00', quantity: 1 }] }, metadata)).toMatchObject({
        errors: [{ field: 'budgetItems.0.description', code: 'text_lone_surrogate' }],
      });
      expect(await rejectionOf({ title: 'Jalan', budgetItems: deep }, metadata)).toMatchObject({ errors: [{ field: expect.stringMatching(/^budgetItems\.0\.0/), code: 'too_deep' }] });
      // A well-formed pair (an emoji) is text like any other.
      await expect(createValidationPipe().transform({ title: 'Jalan 🚧', budgetItems: [] }, metadata)).resolves.toMatchObject({ title: 'Jalan 🚧' });
    }
  });

  it('names a refused route parameter by its name', async () => {
    expect(await rejectionOf('a\u0000b', { type: 'param', metatype: String, data: 'id' })).toMatchObject({ errors: [{ field: 'id', code: 'text_nul' }] });
  });

  it('leaves custom parameters (ContractInput, the current actor) to their own pipes', async () => {
    const value = { title: 'a\u0000b', isAdmin: true };
    await expect(createValidationPipe().transform(value, { type: 'custom', metatype: Draft })).resolves.toBe(value);
  });
});

// These go with class-validator, once no route takes a DTO class any more.
describe('the gateway validation pipe, for a class-validator DTO', () => {
  it('names nested fields by their dotted path, with the reason', async () => {
    const response = await rejectionOf({ title: 'Jalan', budgetItems: [{ description: 'Semen', quantity: 2 }, { description: 'Pasir', quantity: 0 }] });
    expect(response).toEqual({
      statusCode: 400,
      message: 'Validation failed',
      errors: [{ field: 'budgetItems.1.quantity', reason: 'quantity must not be less than 1', code: 'min' }],
    });
  });

  it('refuses unknown fields, at any depth, rather than dropping them', async () => {
    const response = await rejectionOf({ title: 'Jalan', isAdmin: true, budgetItems: [{ description: 'Semen', quantity: 1, price: 5 }] });
    expect(response).toMatchObject({
      errors: expect.arrayContaining([
        { field: 'isAdmin', reason: 'property isAdmin should not exist', code: 'whitelist_validation' },
        { field: 'budgetItems.0.price', reason: 'property price should not exist', code: 'whitelist_validation' },
      ]),
    });
  });

  it('reports every broken rule of a missing field', async () => {
    const response = (await rejectionOf({ budgetItems: [] })) as { errors: Array<{ field: string }> };
    expect(response.errors.map((e) => e.field)).toEqual(['title']);
  });
});
