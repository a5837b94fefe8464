import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
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

async function rejectionOf(body: unknown) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Draft });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse();
  }
  throw new Error('the body was accepted');
}

describe('the gateway validation pipe', () => {
  it('names nested fields by their dotted path, with the reason', async () => {
    const response = await rejectionOf({ title: 'Jalan', budgetItems: [{ description: 'Semen', quantity: 2 }, { description: 'Pasir', quantity: 0 }] });
    expect(response).toEqual({
      statusCode: 400,
      message: 'Validation failed',
      errors: [{ field: 'budgetItems.1.quantity', reason: 'quantity must not be less than 1' }],
    });
  });

  it('refuses unknown fields, at any depth, rather than dropping them', async () => {
    const response = await rejectionOf({ title: 'Jalan', isAdmin: true, budgetItems: [{ description: 'Semen', quantity: 1, price: 5 }] });
    expect(response).toMatchObject({
      errors: expect.arrayContaining([
        { field: 'isAdmin', reason: 'property isAdmin should not exist' },
        { field: 'budgetItems.0.price', reason: 'property price should not exist' },
      ]),
    });
  });

  it('reports every broken rule of a missing field', async () => {
    const response = (await rejectionOf({ budgetItems: [] })) as { errors: Array<{ field: string }> };
    expect(response.errors.map((e) => e.field)).toEqual(['title']);
  });
});
