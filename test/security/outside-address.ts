import { networkInterfaces } from 'node:os';

/** This machine's non-loopback IPv4 address: how another machine (or a second client address) reaches a server here. */
export function outsideAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
  if (!address) throw new Error('this test needs a non-loopback IPv4 interface');
  return address;
}
