/** The demo users all share a published password: they must never reach a production database. */
export class DemoSeedRefusedError extends Error {
  constructor() {
    super('Refusing to seed demo users: NODE_ENV is production, and every demo user has the published password "alur-demo"');
    this.name = 'DemoSeedRefusedError';
  }
}

export function assertDemoSeedAllowed(nodeEnv: string | undefined): void {
  if (nodeEnv === 'production') throw new DemoSeedRefusedError();
}
