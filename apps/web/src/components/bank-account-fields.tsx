import { useI18n } from '../i18n/i18n';
import { ACCOUNT_PARTS, BankAccountText } from '../lib/bank-account';
import { Field } from './field';

interface BankAccountFieldsProps {
  /** Put before each field's id (`payeeAccount` → `payeeAccount-bankName`); none for the bare part names. */
  idPrefix?: string;
  value: BankAccountText;
  onChange(next: BankAccountText): void;
  /** Why the API refused a part of the account, in the reader's words; undefined when it is fine. */
  errorOf(part: keyof BankAccountText): string | undefined;
  /** Whether the form cannot be sent without them (an SPM's); a proposal's draft may leave them empty. */
  required?: boolean;
}

/** The id a part of an account's fields takes: what an error summary links to. */
export const accountFieldId = (part: keyof BankAccountText, idPrefix?: string) => (idPrefix ? `${idPrefix}-${part}` : part);

/** A bank account's three fields (bank, number, holder), as the BKM names its own in a proposal and BPKAD one in an SPM. */
export function BankAccountFields({ idPrefix, value, onChange, errorOf, required }: BankAccountFieldsProps) {
  const { t } = useI18n();
  const labels = { bankName: t.bankName, accountNumber: t.accountNumber, accountHolder: t.accountHolder };
  return (
    <>
      {ACCOUNT_PARTS.map((part) => (
        <Field
          key={part}
          id={accountFieldId(part, idPrefix)}
          label={labels[part]}
          error={errorOf(part)}
          hint={part === 'accountNumber' ? t.accountNumberHint : undefined}
        >
          <input
            value={value[part]}
            onChange={(e) => onChange({ ...value, [part]: e.target.value })}
            inputMode={part === 'accountNumber' ? 'numeric' : undefined}
            autoComplete="off"
            required={required}
          />
        </Field>
      ))}
    </>
  );
}
