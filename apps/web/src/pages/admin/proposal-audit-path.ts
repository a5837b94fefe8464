/** The console's page of everything every service recorded about one proposal (ADMIN). */
export const proposalAuditPath = (proposalId: string) => `/admin/jejak-audit/usulan/${proposalId}`;
