/** Kabupaten Bengkalis (Riau), the regency the demo seeds its users and programmes for. */
export const DEMO_REGENCY_CODE = '14.03';
