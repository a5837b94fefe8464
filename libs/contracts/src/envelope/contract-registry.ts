import { EventContract } from './event-contract';

/** Looks contracts up by their prefix-less subject, for consumers that must validate what arrives. */
export class ContractRegistry {
  private readonly byPattern = new Map<string, EventContract>();

  constructor(contracts: Iterable<EventContract> = []) {
    for (const contract of contracts) this.register(contract);
  }

  register(contract: EventContract): void {
    const existing = this.byPattern.get(contract.pattern);
    if (existing && existing !== contract) throw new Error(`Two contracts claim ${contract.pattern}`);
    this.byPattern.set(contract.pattern, contract);
  }

  get(pattern: string): EventContract | undefined {
    return this.byPattern.get(pattern);
  }
}
