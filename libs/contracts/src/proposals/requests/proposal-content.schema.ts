import { z } from 'zod';
import { BankAccountInput } from '../../money/bank-account';
import { Rupiah } from '../../money/rupiah';
import { text } from '../../requests/request-fields';
import { budgetLineAmount, MAX_BUDGET_TOTAL, quantityToHundredths } from '../budget-rules';
import { PROPOSAL_CATEGORIES } from '../programme-definition/programme-definition.schema';
import { MAX_PROPOSAL_DOCUMENTS, ProposalDocumentSchema } from '../proposal-document/proposal-document.schema';

/** The largest quantity a RAB line may carry: far beyond any real one, still exact in hundredths. */
export const MAX_BUDGET_QUANTITY = 1_000_000_000;
/** A RAB has at most this many lines. */
export const MAX_BUDGET_ITEMS = 500;

const inQuantityRange = (value: number) => value >= 0.01 && value <= MAX_BUDGET_QUANTITY;

/**
 * A RAB quantity: from 0.01 to a billion, with at most two decimals (12.5 m³). The service counts it
 * in hundredths, so a line's amount (hundredths × unit price ÷ 100, rounded) stays exact in whole rupiah.
 */
export const BudgetQuantity = z
  .number()
  .min(0.01, { message: 'must be at least 0.01' })
  .max(MAX_BUDGET_QUANTITY, { message: `must be at most ${MAX_BUDGET_QUANTITY}` })
  // Out of range is reported above once; the decimals are judged from the number's digits.
  .refine((value) => !inQuantityRange(value) || quantityToHundredths(value) !== undefined, {
    message: 'must have at most 2 decimals',
    params: { code: 'too_many_decimals' },
  })
  .meta({ description: 'Up to two decimals (12.5 m³); the line amount is rounded half up to whole rupiah', examples: [12.5] });

/** One line of the RAB (rencana anggaran biaya) as the BKM writes it; the amount is the server's. */
export const BudgetItemInputSchema = z.strictObject({
  description: text(500),
  quantity: BudgetQuantity,
  unit: text(50),
  unitPrice: Rupiah.meta({ description: 'Whole rupiah', examples: [75_000] }),
});
export type BudgetItemInput = z.infer<typeof BudgetItemInputSchema>;

/** The whole RAB: it replaces the previous one. Its total must stay within what JSON carries exactly. */
export const BudgetItemsInputSchema = z
  .array(BudgetItemInputSchema)
  .max(MAX_BUDGET_ITEMS)
  .superRefine((items, ctx) => {
    let total = 0n;
    for (const item of items) {
      const hundredths = quantityToHundredths(item?.quantity);
      // A line refused on its own is reported on its own field.
      if (hundredths === undefined || !Number.isSafeInteger(item.unitPrice) || item.unitPrice < 0) return;
      total += budgetLineAmount(hundredths, item.unitPrice);
    }
    if (total > MAX_BUDGET_TOTAL) {
      ctx.addIssue({
        code: 'custom',
        message: 'the budget total is beyond the largest amount the system carries',
        params: { code: 'too_big' },
      });
    }
  })
  .meta({ description: 'The whole RAB; it replaces the previous one' });

/** Who benefits: households, of which poor households (rumah tangga miskin). */
export const BeneficiariesSchema = z.strictObject({
  households: z.number().int().min(0).max(1_000_000),
  poorHouseholds: z.number().int().min(0).max(1_000_000),
});
export type Beneficiaries = z.infer<typeof BeneficiariesSchema>;

/** A document attached to a proposal, uploaded first to `/api/v1/uploads/documents`; nothing else in it. */
export const ProposalDocumentInputSchema = z.strictObject(ProposalDocumentSchema.shape);

/**
 * What a BKM writes in a proposal besides its title; a draft may leave any of it out until it is
 * submitted (the submission's rules, which need the programme, are the service's).
 */
export const ProposalContentFields = {
  category: z.enum(PROPOSAL_CATEGORIES).nullable().optional(),
  description: z.string().max(10_000).nullable().optional(),
  /** The KSM that carries out the work. */
  executorGroup: z.string().max(200).nullable().optional(),
  beneficiaries: BeneficiariesSchema.nullable().optional(),
  budgetItems: BudgetItemsInputSchema.optional(),
  /** The BKM's account the grant is paid into, which BPKAD's payment orders then name. */
  payeeAccount: BankAccountInput.nullable().optional(),
  selfHelpAmount: Rupiah.meta({ description: 'Swadaya: the community’s own contribution, whole rupiah' }).optional(),
  documents: z
    .array(ProposalDocumentInputSchema)
    .max(MAX_PROPOSAL_DOCUMENTS)
    .meta({
      description: 'DED, RAB sheet, site photos (uploaded first to /api/v1/uploads/documents): all of them; it replaces the previous list',
    })
    .optional(),
};

/** A proposal's title. */
export const ProposalTitle = text(200);
