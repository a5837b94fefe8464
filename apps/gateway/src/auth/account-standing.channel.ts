/** The NOTIFY channel on which user_account's trigger announces a changed account (its id as payload). */
export function accountStandingChannel(schema: string): string {
  return `alur_account_${schema}`;
}
